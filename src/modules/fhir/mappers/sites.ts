import { isSiteId, siteLabel } from '../../../domain/catalog/body-regions.ts';

export const siteText = (site: string) => (isSiteId(site) ? siteLabel(site) : site);
