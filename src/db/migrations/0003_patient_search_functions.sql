-- Patient search keys (the generated columns of the next migration use these). unaccent() is only STABLE
-- (it reads a dictionary), so an index or generated column cannot call it: these IMMUTABLE wrappers name the
-- dictionary explicitly, and are schema-qualified so a dump/restore with an empty search_path works.
CREATE OR REPLACE FUNCTION public.palpa_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $fn$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $fn$;
--> statement-breakpoint
-- Lower case, accents removed, apostrophes dropped, other separators (space, hyphen, dot, comma…) folded to
-- one space: "Zoë O'Brien-Núñez" → "zoe obrien nunez". Letters of every script are kept.
CREATE OR REPLACE FUNCTION public.palpa_search_key(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $fn$ SELECT btrim(regexp_replace(regexp_replace(lower(public.palpa_unaccent($1)), '[''’`]', '', 'g'), '[[:space:],.;:/()"_-]+', ' ', 'g')) $fn$;
--> statement-breakpoint
-- Phone digits only, without the North American country code: "+1 (619) 555-0100" → "6195550100".
CREATE OR REPLACE FUNCTION public.palpa_phone_key(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $fn$ SELECT nullif(regexp_replace(regexp_replace($1, '[^0-9]', '', 'g'), '^1([0-9]{10})$', '\1'), '') $fn$;
--> statement-breakpoint
-- The smallest string above every string that starts with $1 (byte order, as text_pattern_ops compares):
-- "garc" → "gard". `key ~>=~ p AND key ~<~ palpa_prefix_end(p)` is an index range scan even with parameters.
CREATE OR REPLACE FUNCTION public.palpa_prefix_end(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $fn$ SELECT left($1, -1) || chr(ascii(right($1, 1)) + 1) $fn$;
