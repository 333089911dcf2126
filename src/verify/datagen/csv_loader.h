// Loads a user's CSV file (with a header row naming the columns) into a table with COPY … FROM STDIN
// (FORMAT csv, HEADER), streamed from the client so the server needs no access to the file. A rejected row
// is reported as file:line with PostgreSQL's message.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "dbarch/status.h"
#include "model/catalog.h"
#include "verify/pg_connection.h"

namespace dbarch::verify::datagen {

// The header row's column names (CSV quoting honoured).
Result<std::vector<std::string>> ReadCsvHeader(const std::string& path);

// Returns the number of rows loaded. `progress` is called with the bytes read so far.
Result<int64_t> LoadCsvFile(PgConnection& connection, const model::QualifiedName& table, const std::string& path,
                            const std::function<void(int64_t bytes)>& progress = {});

// The 1-based line of the input COPY complained about ("… COPY t, line 3, column x: …"), or 0.
int CopyErrorLine(const std::string& message);

}  // namespace dbarch::verify::datagen
