// Reads a live database's schema from pg_catalog into the same Catalog model the DDL path builds, so every
// analyzer works the same on a repository and on a running database, and a DDL file can be proved equal to
// what PostgreSQL made of it (model/catalog_compare.h). Only user objects: system schemas (pg_catalog,
// information_schema, pg_toast*, pg_temp_*), the default plpgsql extension and objects that belong to
// extensions (pg_depend deptype 'e') are left out.
//
// The model is filled the way the DDL replay fills it:
// - names as stored; types as format_type() prints them, enums and domains as "schema.name";
// - expressions as PostgreSQL prints them (pg_get_expr, pg_get_viewdef, pg_get_indexdef), read with
//   search_path = public, TimeZone = UTC and DateStyle = ISO so the text does not depend on the session;
// - what partitions inherit from their partitioned parent (cloned PRIMARY KEY/UNIQUE/FOREIGN KEY
//   constraints, attached indexes, cloned triggers) is left out, as the DDL path records those once on the
//   parent; inherited CHECK constraints and NOT NULL columns are kept, as the DDL path copies them;
// - sequence options equal to PostgreSQL's defaults are left unset; from_serial is set for a column whose
//   default calls nextval() of a sequence the column owns (serial, or pg_dump's spelling of it);
// - function bodies are prosrc, or the whole pg_get_functiondef() statement for SQL-standard bodies;
// - grants are the ACL entries that differ from the object kind's default ACL (acldefault), without the
//   owner's own privileges; roles are those the schema refers to (grantees, policy roles) and the roles
//   they are members of, transitively (pg_* system roles left out);
// - schema owners are read; a schema's owner the DDL did not state compares as unspecified.
// Locations name the database (file "db:<dbname>", no line), since there is no file.
#pragma once

#include <string>
#include <vector>

#include "dbarch/status.h"
#include "model/catalog.h"
#include "verify/pg_connection.h"

namespace dbarch::verify {

struct LiveCatalogOptions {
  std::vector<std::string> schemas;  // empty: every non-system schema
};

// Reads the catalog in one read-only REPEATABLE READ transaction (or a savepoint when the connection is
// already inside a transaction), so all queries see the same snapshot; nothing is left changed in the
// session. Objects the role may not see are simply absent; what could not be read at all is a warning in
// *notes (never an error unless even pg_class or pg_type cannot be read).
Result<model::Catalog> ReadLiveCatalog(PgConnection& connection, const LiveCatalogOptions& options = {},
                                       std::vector<std::string>* notes = nullptr);

}  // namespace dbarch::verify
