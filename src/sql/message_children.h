// The child messages of a parse-tree message, found through reflection once per message type.
#pragma once

#include <functional>

#include <google/protobuf/message.h>

namespace dbarch::sql {

// Calls visit(child) for every message-typed field of `message` that is set (a repeated one element by element),
// in field-number order. For a pg_query::Node, a oneof wrapper, that is the one node it holds.
void ForEachChildMessage(const google::protobuf::Message& message,
                         const std::function<void(const google::protobuf::Message&)>& visit);

// Moves every node's `location` (libpg_query's byte offset into the text it parsed) that is at or after `begin`
// back by `begin`: a tree parsed from a whole file then has the offsets it would have had if parsed from the
// text starting at `begin`. Smaller values (-1, unknown; 0, never set) stay as they are.
void RebaseLocations(google::protobuf::Message& root, int begin);

}  // namespace dbarch::sql
