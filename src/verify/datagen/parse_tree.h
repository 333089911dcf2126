// Reading constants and column references out of libpg_query's parse tree, shared by the CHECK interpreter
// and the partition-bound reader.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pg_query.pb.h"
#include "verify/datagen/check_constraints.h"

namespace dbarch::verify::datagen {

// The column a node refers to, looking through casts and COLLATE.
std::optional<std::string> ReadColumn(const pg_query::Node& node);
// A constant (possibly cast, possibly negated); nullopt for anything else, NULL included.
std::optional<Literal> ReadLiteral(const pg_query::Node& node);
// A list of constants: (a, b), ARRAY[a, b], possibly cast.
std::optional<std::vector<Literal>> ReadLiteralList(const pg_query::Node& node);

}  // namespace dbarch::verify::datagen
