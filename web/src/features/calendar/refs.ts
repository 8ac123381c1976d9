import { useQuery } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints.ts';
import { type Appointment, type Room, type Service, scheduling } from '../../api/scheduling.ts';
import type { Location } from '../../api/types.ts';

/** Therapists' names, from the clinic's schedule set-up (staff and patients may read it; `enabled` for others). */
export function useTherapistNames(clinicId: string, enabled = true) {
  const therapists = useQuery({
    queryKey: ['therapists', clinicId],
    queryFn: () => scheduling.therapists(clinicId),
    enabled,
  });
  return {
    therapists,
    therapistName: (id: string) => therapists.data?.items.find((t) => t.therapistId === id)?.displayName,
  };
}

/** The set-up the calendar needs to name things: therapists, rooms, services, locations. */
export function useScheduleRefs(clinicId: string) {
  const { therapists, therapistName } = useTherapistNames(clinicId);
  const rooms = useQuery({ queryKey: ['rooms', clinicId], queryFn: () => scheduling.rooms(clinicId) });
  const services = useQuery({
    queryKey: ['services', clinicId],
    queryFn: () => scheduling.services(clinicId),
  });
  const locations = useQuery({
    queryKey: ['locations', clinicId],
    queryFn: () => endpoints.locations(clinicId),
  });
  const roomName = (id: string) => rooms.data?.items.find((r) => r.id === id)?.name;
  const locationName = (id: string) => locations.data?.items.find((l) => l.id === id)?.name;
  return {
    therapists,
    rooms,
    services,
    locations,
    therapistName,
    roomName,
    locationName,
    pending: therapists.isPending || rooms.isPending || services.isPending,
    error: therapists.error ?? rooms.error ?? services.error,
  };
}
export type ScheduleRefs = ReturnType<typeof useScheduleRefs>;

/**
 * A room as the calendar names it: "Room 1 · North Park" when the clinic has more than one location (each site
 * may have its own "Room 1"), the plain name otherwise.
 */
export function roomLabel(
  room: Pick<Room, 'name' | 'locationId'>,
  locations: Pick<Location, 'id' | 'name'>[] = [],
): string {
  const location = locations.length > 1 ? locations.find((l) => l.id === room.locationId) : undefined;
  return location ? `${room.name} · ${location.name}` : room.name;
}

/**
 * A service with its length, said once: "Hot stone (90 min)", but "Manual lymphatic drainage, 60 min" as named
 * when the clinic put the length in the name.
 */
export function serviceLabel(service: Pick<Service, 'name' | 'durationMinutes'>): string {
  const namesLength = new RegExp(`\\b${service.durationMinutes}[ -]?min(ute)?s?\\b`, 'i');
  return namesLength.test(service.name) ? service.name : `${service.name} (${service.durationMinutes} min)`;
}

export const STATUS_LABELS: Record<Appointment['status'], string> = {
  booked: 'Booked',
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const isLive = (a: Appointment) => a.status === 'booked' || a.status === 'confirmed';
