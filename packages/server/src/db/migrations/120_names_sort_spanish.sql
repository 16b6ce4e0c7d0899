-- Names sort the Spanish way on both engines: "Álvarez" with "Alvarez" before "Sánchez", "ñ" a
-- letter after "n" ("Nuñez" < "Nuria" < "Ñúñez"). ICU's Spanish tailoring exists on PostgreSQL
-- but not in PGlite (whose ICU has only the root collation, where ñ sorts as n), so the key is
-- built here: accents folded, ñ as "n~" ("~" sorts after every letter under "C"), lower-cased;
-- the original name follows a \x01 so equal keys still order the same way every time.
CREATE FUNCTION fid_name_key(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT lower(replace(replace(translate(t,
      'ÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÇÝáàâäãåéèêëíìîïóòôöõúùûüçýÿ',
      'AAAAAAEEEEIIIIOOOOOUUUUCYaaaaaaeeeeiiiiooooouuuucyy'), 'Ñ', 'n~'), 'ñ', 'n~'))
      || chr(1) || t
  $$;

ALTER TABLE customers
  ADD COLUMN name_key text COLLATE "C" GENERATED ALWAYS AS (fid_name_key(name)) STORED;
CREATE INDEX customers_org_name_key_idx ON customers (org_id, name_key, id);
DROP INDEX customers_org_name_idx;
