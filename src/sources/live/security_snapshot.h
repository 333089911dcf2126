// Reads what the security audit needs from a live server, read-only: pg_settings, pg_hba_file_rules and
// pg_authid's hash kinds (superuser only: otherwise a note), CREATE on schema public for PUBLIC, default
// privileges granted to PUBLIC, available extensions. Each part is read on its own.
#pragma once

#include "dbarch/status.h"
#include "model/security_facts.h"
#include "verify/pg_connection.h"

namespace dbarch::sources {

Result<model::SecuritySnapshot> ReadSecuritySnapshot(verify::PgConnection& connection);

}  // namespace dbarch::sources
