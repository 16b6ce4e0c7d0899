-- Complaints (issue 16): a case's service attribute becomes a reference to the shared service
-- attribute catalogue (the standards module's service_attributes, read through its published
-- view pub_service_attributes). `service_attribute` keeps the text as typed (API compatibility,
-- exports); `service_attribute_id` is the catalogue entry every report counts by.
--
-- No FOREIGN KEY: the catalogue table belongs to another module (ARCHITECTURE.md "Cross-module
-- reads": other modules never reference or touch its tables, only its pub_* views) and is
-- created by a later migration (600) on a fresh database. The complaints service resolves and
-- checks the id through standards/service (ensureAttributes) on every write, and the catalogue
-- refuses to delete an attribute that cases still cite (ATTRIBUTE_IN_USE).
ALTER TABLE complaints ADD COLUMN service_attribute_id uuid;
CREATE INDEX complaints_service_attribute ON complaints (org_id, service_attribute_id)
  WHERE service_attribute_id IS NOT NULL;

-- Backfill on an existing database: texts that are a catalogue key or name (case-insensitive).
-- The rest (free texts not in the catalogue yet) become catalogue entries and are linked by
-- `fidelia standards sync-attributes` / the attributes page's sync, which the upgrade runs per
-- org (complaints/service linkServiceAttributes). On a fresh database the view does not exist
-- yet and there is nothing to link.
DO $$
BEGIN
  IF to_regclass('pub_service_attributes') IS NOT NULL THEN
    EXECUTE $sql$
      UPDATE complaints c SET service_attribute_id = a.id
        FROM pub_service_attributes a
       WHERE a.org_id = c.org_id AND c.service_attribute_id IS NULL
         AND c.service_attribute IS NOT NULL
         AND (a.key = lower(btrim(c.service_attribute))
              OR lower(a.name_es) = lower(btrim(c.service_attribute))
              OR lower(a.name_en) = lower(btrim(c.service_attribute)))
    $sql$;
  END IF;
END
$$;
