import type { Bundle, Resource } from 'fhir/r4.js';

/** A `searchset` Bundle: total, link.self (the parameters applied), link.next (the cursor), full URLs. */
export function searchsetBundle(input: {
  base: string;
  resources: Resource[];
  total: number;
  self: string;
  next?: string;
  now: Date;
}): Bundle {
  return {
    resourceType: 'Bundle',
    id: crypto.randomUUID(),
    meta: { lastUpdated: input.now.toISOString() },
    type: 'searchset',
    total: input.total,
    link: [
      { relation: 'self', url: input.self },
      ...(input.next ? [{ relation: 'next', url: input.next }] : []),
    ],
    entry: input.resources.map((resource) => ({
      fullUrl: `${input.base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' as const },
    })),
  };
}

export function searchUrl(base: string, path: string, params: [string, string][]): string {
  const query = params
    .map(([k, v]) => `${encodeURIComponent(k).replace(/%3A/g, ':')}=${encodeURIComponent(v)}`)
    .join('&');
  return `${base}/${path}${query ? `?${query}` : ''}`;
}
