#include "sources/workload/node_children.h"

namespace dbarch::sources::workload {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

void VisitMessage(const Message& message, const std::function<void(const pg_query::Node&)>& visit) {
  const auto* descriptor = message.GetDescriptor();
  const auto* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    bool is_node = field->message_type() == pg_query::Node::descriptor();
    auto handle = [&](const Message& child) {
      if (is_node) visit(static_cast<const pg_query::Node&>(child));
      else VisitMessage(child, visit);
    };
    if (field->is_repeated()) {
      int n = reflection->FieldSize(message, field);
      for (int k = 0; k < n; ++k) handle(reflection->GetRepeatedMessage(message, field, k));
    } else if (reflection->HasField(message, field)) {
      handle(reflection->GetMessage(message, field));
    }
  }
}

}  // namespace

void ForEachChildNode(const pg_query::Node& node, const std::function<void(const pg_query::Node&)>& visit) {
  // A Node is a oneof wrapper: its one set field is the real node, whose fields hold the children.
  const auto* reflection = node.GetReflection();
  const auto* oneof = pg_query::Node::descriptor()->oneof_decl(0);
  const FieldDescriptor* field = reflection->GetOneofFieldDescriptor(node, oneof);
  if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return;
  VisitMessage(reflection->GetMessage(node, field), visit);
}

}  // namespace dbarch::sources::workload
