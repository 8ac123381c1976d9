import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Location } from '../../api/types.ts';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LiveMessage, QueryList } from '../../components/Status.tsx';
import { LocationForm } from './LocationForm.tsx';

export function LocationsPage() {
  const clinic = useClinic();
  const locations = useQuery({
    queryKey: ['locations', clinic.id],
    queryFn: () => endpoints.locations(clinic.id),
  });
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const edit = (id: string) => {
    setMessage(null);
    setEditing(id);
  };
  const done = (text: string) => {
    setEditing(null);
    setMessage(text);
    void locations.refetch();
  };

  return (
    <Page
      title="Locations"
      intro={<p>The places where {clinic.name} sees patients.</p>}
      actions={
        editing === 'new' ? null : (
          <button type="button" className="button" onClick={() => edit('new')}>
            Add location
          </button>
        )
      }
    >
      <LiveMessage message={message} />
      {editing === 'new' ? (
        <section className="card" aria-labelledby="new-location">
          <h2 id="new-location">New location</h2>
          <LocationForm
            clinicTimeZone={clinic.timeZone}
            onSaved={(l) => done(`${l.name} was added.`)}
            onCancel={() => setEditing(null)}
          />
        </section>
      ) : null}
      <QueryList
        query={locations}
        empty={
          <EmptyState title="No locations yet">
            <p>Add the address where you see patients.</p>
          </EmptyState>
        }
      >
        {(items) => (
          <ul className="card-list">
            {items.map((location) => (
              <li key={location.id} className="card">
                {editing === location.id ? (
                  <>
                    <h2>Edit {location.name}</h2>
                    <LocationForm
                      location={location}
                      clinicTimeZone={clinic.timeZone}
                      onSaved={(l) => done(`${l.name} was saved.`)}
                      onCancel={() => setEditing(null)}
                    />
                  </>
                ) : (
                  <LocationSummary location={location} onEdit={() => edit(location.id)} />
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryList>
    </Page>
  );
}

function LocationSummary({ location, onEdit }: { location: Location; onEdit: () => void }) {
  return (
    <div className="location-summary">
      <div>
        <h2>{location.name}</h2>
        <address>
          {location.addressLine1}
          {location.addressLine2 ? `, ${location.addressLine2}` : ''}
          <br />
          {location.city}, {location.region} {location.postalCode}
        </address>
        <p className="muted small">
          {location.phone ? `${location.phone} · ` : ''}
          {location.timeZone.replaceAll('_', ' ')}
        </p>
      </div>
      <button
        type="button"
        className="button button-secondary"
        onClick={onEdit}
        aria-label={`Edit ${location.name}`}
      >
        Edit
      </button>
    </div>
  );
}
