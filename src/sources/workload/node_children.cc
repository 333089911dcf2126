#include "sources/workload/node_children.h"

#include "sql/message_children.h"
#include "sql/message_type.h"

namespace dbarch::sources::workload {
namespace {

// The Nodes below `message`, not looking into them: messages that are not Nodes (a RangeVar, a TypeName, a
// List's element wrapper…) are looked through.
void VisitMessage(const google::protobuf::Message& message, const std::function<void(const pg_query::Node&)>& visit) {
  sql::ForEachChildMessage(message, [&](const google::protobuf::Message& child) {
    if (const auto* node = sql::As<pg_query::Node>(child)) visit(*node);
    else VisitMessage(child, visit);
  });
}

}  // namespace

void ForEachChildNode(const pg_query::Node& node, const std::function<void(const pg_query::Node&)>& visit) {
  // A Node is a oneof wrapper: its one set field is the real node, whose fields hold the children.
  sql::ForEachChildMessage(node, [&](const google::protobuf::Message& inner) { VisitMessage(inner, visit); });
}

}  // namespace dbarch::sources::workload
