// What a table is for, guessed from its shape and name, to pick a row count when neither the user nor live
// statistics give one: lookup tables (few columns, referenced by others, names like *_types, *_status,
// countries) stay small; event/log/audit tables (a timestamp and foreign keys, names like *_events, *_logs)
// are the largest; link tables (a key made of foreign keys) sit between.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/catalog.h"

namespace dbarch::verify::datagen {

enum class TableRole { kLookup, kEntity, kLink, kEvent };

TableRole ClassifyTable(const model::Catalog& catalog, const model::Table& table);

// Rows for a table of this role when `default_rows` is the count for an ordinary entity table.
int64_t DefaultRowCount(TableRole role, int64_t default_rows);

std::string_view TableRoleName(TableRole role);

}  // namespace dbarch::verify::datagen
