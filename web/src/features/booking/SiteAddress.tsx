/** A map search for an address: opens the phone's map app or the map website, no key or script needed. */
const mapSearchUrl = (address: string) =>
  `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;

/** Where the visit happens: the site's name, then its street address as a link to a map. */
export function SiteAddress({ location }: { location: { name: string; address: string } }) {
  return (
    <>
      {location.name}
      <br />
      <a href={mapSearchUrl(location.address)} target="_blank" rel="noreferrer">
        {location.address}
        <span className="visually-hidden"> (opens a map)</span>
      </a>
    </>
  );
}
