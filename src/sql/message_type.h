// Which kind of parse-tree node a protobuf message is, without asking protobuf.
//
// message.GetDescriptor() == pg_query::A_Expr::descriptor() reads well but costs: both calls pass the descriptor
// table's once-initialisation check (a thread-local lookup each), and rules that look for one node kind ask it
// of every node of every statement — a tenth of a lint run's main thread. The generated message classes are
// final, so the C++ type identifies the message type, and typeid only reads the vtable.
#pragma once

#include <typeinfo>

#include <google/protobuf/message.h>

namespace dbarch::sql {

template <typename Message>
bool Is(const google::protobuf::Message& message) {
  return typeid(message) == typeid(Message);
}

// The message as a Message, or nullptr when it is another kind.
template <typename Message>
const Message* As(const google::protobuf::Message& message) {
  return Is<Message>(message) ? static_cast<const Message*>(&message) : nullptr;
}

}  // namespace dbarch::sql
