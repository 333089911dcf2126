// Generic descent into libpg_query parse-tree nodes. The walker handles the node kinds whose meaning it
// needs (FROM items, sub-selects, column references, …) explicitly; for everything else it visits the
// children through protobuf reflection, so expression kinds it does not know still get their column
// references and sub-selects resolved instead of being skipped or crashing the walk.
#pragma once

#include <functional>

#include "pg_query.pb.h"

namespace dbarch::sources::workload {

// Calls visit for every pg_query::Node directly below node (looking through non-Node messages such as
// WindowDef or TypeName), in field order. Does not recurse below the Nodes it reports.
void ForEachChildNode(const pg_query::Node& node, const std::function<void(const pg_query::Node&)>& visit);

}  // namespace dbarch::sources::workload
