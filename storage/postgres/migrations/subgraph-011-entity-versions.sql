-- A version for every enterprise whose data changed, bumped in the transaction of the change by
-- the tables' own triggers, whoever writes: the gateway's entity cache serves an answer only while
-- the versions it was read at are still current, so it is never stale. Row '*' is the generation
-- of the subgraph itself (bumped when it starts, with whatever rules it brings).
CREATE SEQUENCE entity_version_seq;
CREATE TABLE entity_versions (
  uscc    text PRIMARY KEY,
  version bigint NOT NULL
);

-- Statement-level, over the rows the statement touched; enterprises in key order, so two
-- transactions touching the same enterprises lock their version rows in the same order.
CREATE FUNCTION bump_entity_versions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO public.entity_versions (uscc, version)
      SELECT uscc, nextval('public.entity_version_seq') FROM (SELECT DISTINCT uscc FROM changed_after WHERE uscc IS NOT NULL ORDER BY uscc) s
      ON CONFLICT (uscc) DO UPDATE SET version = EXCLUDED.version;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO public.entity_versions (uscc, version)
      SELECT uscc, nextval('public.entity_version_seq') FROM (SELECT uscc FROM changed_after WHERE uscc IS NOT NULL UNION SELECT uscc FROM changed_before WHERE uscc IS NOT NULL ORDER BY uscc) s
      ON CONFLICT (uscc) DO UPDATE SET version = EXCLUDED.version;
  ELSE
    INSERT INTO public.entity_versions (uscc, version)
      SELECT uscc, nextval('public.entity_version_seq') FROM (SELECT DISTINCT uscc FROM changed_before WHERE uscc IS NOT NULL ORDER BY uscc) s
      ON CONFLICT (uscc) DO UPDATE SET version = EXCLUDED.version;
  END IF;
  RETURN NULL;
END $$;

-- every table an enterprise's answer is read from: its directory entry, its records, and what is
-- attached to them (objections, statements, repair applications, commitments)
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['records', 'enterprises', 'objections', 'statements', 'repair_applications', 'commitments'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION bump_entity_versions()', t || '_versions_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION bump_entity_versions()', t || '_versions_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_before FOR EACH STATEMENT EXECUTE FUNCTION bump_entity_versions()', t || '_versions_del', t);
  END LOOP;
END $$;

-- a subgraph that starts may bring other rules: every answer cached before it is stale
CREATE FUNCTION bump_entity_generation() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$
  INSERT INTO public.entity_versions (uscc, version) VALUES ('*', nextval('public.entity_version_seq'))
  ON CONFLICT (uscc) DO UPDATE SET version = EXCLUDED.version;
$$;
REVOKE ALL ON FUNCTION bump_entity_versions() FROM PUBLIC;
REVOKE ALL ON FUNCTION bump_entity_generation() FROM PUBLIC;
