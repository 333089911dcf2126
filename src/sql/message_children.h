// The child messages of a parse-tree message, found through reflection once per message type.
#pragma once

#include <functional>

#include <google/protobuf/message.h>

namespace dbarch::sql {

// Calls visit(child) for every message-typed field of `message` that is set (a repeated one element by element),
// in field-number order. For a pg_query::Node, a oneof wrapper, that is the one node it holds.
void ForEachChildMessage(const google::protobuf::Message& message,
                         const std::function<void(const google::protobuf::Message&)>& visit);

}  // namespace dbarch::sql
