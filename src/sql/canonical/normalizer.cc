// Expression rules (1-11, 15 via literals.cc): the node rewrites and the walk over the whole tree.
#include <algorithm>

#include "sql/ast.h"
#include "sql/canonical/normalizer.h"
#include "sql/parser.h"
#include "sql/message_type.h"

namespace dbarch::sql::canonical {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using pg_query::Node;

Node StringNode(const std::string& value) {
  Node n;
  n.mutable_string()->set_sval(value);
  return n;
}

void StripQualifier(google::protobuf::RepeatedPtrField<Node>* names) {
  if (names->size() > 1) names->DeleteSubrange(0, names->size() - 1);
}

namespace {

Node MakeOp(const std::string& op, const Node& left, const Node& right) {
  Node n;
  auto* e = n.mutable_a_expr();
  e->set_kind(pg_query::AEXPR_OP);
  *e->add_name() = StringNode(op);
  *e->mutable_lexpr() = left;
  *e->mutable_rexpr() = right;
  return n;
}

Node MakeBool(pg_query::BoolExprType op, Node a, Node b) {
  Node n;
  auto* e = n.mutable_bool_expr();
  e->set_boolop(op);
  *e->add_args() = std::move(a);
  *e->add_args() = std::move(b);
  return n;
}


bool ContainsColumnRef(const Message& message) {
  if (sql::Is<pg_query::ColumnRef>(message)) return true;
  const auto* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        if (ContainsColumnRef(reflection->GetRepeatedMessage(message, field, i))) return true;
      }
    } else if (ContainsColumnRef(reflection->GetMessage(message, field))) {
      return true;
    }
  }
  return false;
}

}  // namespace

void Normalizer::Expr(Node* node) {
  Rewrite(node);
  switch (node->node_case()) {
    case Node::kSelectStmt:
      Select(node->mutable_select_stmt(), false, nullptr);
      return;
    case Node::kColumnRef: {
      // Rule 12: inside queries a column reference loses its qualifier (PostgreSQL prefixes every column).
      auto* fields = node->mutable_column_ref()->mutable_fields();
      if (!ctes_.empty() && fields->size() > 1 && !fields->Get(fields->size() - 1).has_a_star()) {
        StripQualifier(fields);
      }
      return;
    }
    default: break;
  }
  RecurseMessage(node);
  if (node->has_bool_expr()) FlattenBool(node);
  if (node->has_case_expr()) {
    const auto& def = node->case_expr().defresult();
    if (def.has_a_const() && def.a_const().isnull()) node->mutable_case_expr()->clear_defresult();
  }
}

void Normalizer::Rewrite(Node* node) {
  for (;;) {
    switch (node->node_case()) {
      case Node::kTypeCast: {
        auto* cast = node->mutable_type_cast();
        if (cast->arg().has_a_const() && IsNumericTypeName(cast->type_name())) NumberFromString(cast->mutable_arg());
        if (cast->arg().has_a_const() && cast->arg().a_const().has_sval() && IsIntervalTypeName(cast->type_name())) {
          auto* sval = cast->mutable_arg()->mutable_a_const()->mutable_sval();
          if (auto interval = CanonicalInterval(sval->sval())) sval->set_sval(*interval);
        }
        Node arg = std::move(*cast->mutable_arg());
        *node = std::move(arg);
        continue;
      }
      case Node::kSqlvalueFunction:
        if (node->sqlvalue_function().op() == pg_query::SVFOP_CURRENT_TIMESTAMP) {
          Node now;
          *now.mutable_func_call()->add_funcname() = StringNode("now");
          now.mutable_func_call()->set_funcformat(pg_query::COERCE_EXPLICIT_CALL);
          *node = std::move(now);
        }
        return;
      case Node::kAExpr: {
        auto kind = node->a_expr().kind();
        RewriteAExpr(node);
        if (node->has_a_expr() && node->a_expr().kind() == kind) return;
        continue;  // rewritten into another shape: look again
      }
      case Node::kAConst: {
        auto* c = node->mutable_a_const();
        if (c->has_sval()) c->mutable_sval()->set_sval(CanonicalTimestamp(c->sval().sval()));
        return;
      }
      case Node::kFuncCall:
        NormalizeFuncCall(node->mutable_func_call());
        return;
      case Node::kCollateClause:
        StripQualifier(node->mutable_collate_clause()->mutable_collname());
        return;
      case Node::kRangeVar:
        node->mutable_range_var()->clear_schemaname();
        node->mutable_range_var()->clear_catalogname();
        return;
      default:
        return;
    }
  }
}

void Normalizer::RewriteAExpr(Node* node) {
  auto* e = node->mutable_a_expr();
  StripQualifier(e->mutable_name());
  std::string op = e->name_size() ? StringValue(e->name(0)) : "";
  switch (e->kind()) {
    case pg_query::AEXPR_LIKE:
    case pg_query::AEXPR_ILIKE:
    case pg_query::AEXPR_SIMILAR:
      e->set_kind(pg_query::AEXPR_OP);  // rule 7: PostgreSQL prints the operator
      return;
    case pg_query::AEXPR_IN: {
      // Rule 5, as transformAExprIn: constants (≥ 2) go into one = ANY (ARRAY[…]), the rest are ORed.
      if (!e->rexpr().has_list()) return;
      bool use_or = op != "<>";
      std::vector<Node> items(e->rexpr().list().items().begin(), e->rexpr().list().items().end());
      std::vector<Node> vars;
      std::vector<Node> nonvars;
      for (const auto& item : items) (ContainsColumnRef(item) ? vars : nonvars).push_back(item);
      std::optional<Node> result;
      std::vector<Node>* rest = &items;
      if (nonvars.size() > 1) {
        Node any;
        auto* a = any.mutable_a_expr();
        a->set_kind(use_or ? pg_query::AEXPR_OP_ANY : pg_query::AEXPR_OP_ALL);
        *a->add_name() = StringNode(op);
        *a->mutable_lexpr() = e->lexpr();
        auto* array = a->mutable_rexpr()->mutable_a_array_expr();
        for (auto& item : nonvars) *array->add_elements() = std::move(item);
        result = std::move(any);
        rest = &vars;
      }
      Node left = e->lexpr();
      for (const auto& item : *rest) {
        Node cmp = MakeOp(op, left, item);
        result = result ? MakeBool(use_or ? pg_query::OR_EXPR : pg_query::AND_EXPR, std::move(*result), std::move(cmp))
                        : std::move(cmp);
      }
      if (result) *node = std::move(*result);
      return;
    }
    case pg_query::AEXPR_BETWEEN:
    case pg_query::AEXPR_NOT_BETWEEN:
    case pg_query::AEXPR_BETWEEN_SYM:
    case pg_query::AEXPR_NOT_BETWEEN_SYM: {
      // Rule 6, as transformAExprBetween.
      if (!e->rexpr().has_list() || e->rexpr().list().items_size() != 2) return;
      Node x = e->lexpr();
      Node a = e->rexpr().list().items(0);
      Node b = e->rexpr().list().items(1);
      auto between = [&](const Node& lo, const Node& hi) {
        return MakeBool(pg_query::AND_EXPR, MakeOp(">=", x, lo), MakeOp("<=", x, hi));
      };
      auto outside = [&](const Node& lo, const Node& hi) {
        return MakeBool(pg_query::OR_EXPR, MakeOp("<", x, lo), MakeOp(">", x, hi));
      };
      Node result;
      switch (e->kind()) {
        case pg_query::AEXPR_BETWEEN: result = between(a, b); break;
        case pg_query::AEXPR_NOT_BETWEEN: result = outside(a, b); break;
        case pg_query::AEXPR_BETWEEN_SYM: result = MakeBool(pg_query::OR_EXPR, between(a, b), between(b, a)); break;
        default: result = MakeBool(pg_query::AND_EXPR, outside(a, b), outside(b, a)); break;
      }
      *node = std::move(result);
      return;
    }
    default:
      return;
  }
}

void Normalizer::NormalizeFuncCall(pg_query::FuncCall* call) {
  StripQualifier(call->mutable_funcname());
  call->set_funcformat(pg_query::COERCE_EXPLICIT_CALL);
  std::string name = call->funcname_size() ? StringValue(call->funcname(0)) : "";
  if (name == "transaction_timestamp" && call->args_size() == 0) {
    call->mutable_funcname(0)->mutable_string()->set_sval("now");
  }
  if ((name == "nextval" || name == "currval" || name == "setval") && call->args_size() > 0) {
    // The sequence is a regclass literal: 'app.seq' → 'seq' (PostgreSQL qualifies what is not visible).
    Node* arg = call->mutable_args(0);
    while (arg->has_type_cast()) arg = arg->mutable_type_cast()->mutable_arg();
    if (arg->has_a_const() && arg->a_const().has_sval()) {
      auto parsed = ParseOne("SELECT 1 FROM " + arg->a_const().sval().sval());
      if (parsed.ok() && parsed->has_select_stmt() && parsed->select_stmt().from_clause_size() == 1 &&
          parsed->select_stmt().from_clause(0).has_range_var()) {
        arg->mutable_a_const()->mutable_sval()->set_sval(parsed->select_stmt().from_clause(0).range_var().relname());
      }
    }
  }
}

void Normalizer::RecurseMessage(Message* message) {
  if (sql::Is<pg_query::TypeName>(*message)) {
    StripQualifier(static_cast<pg_query::TypeName*>(message)->mutable_names());
  }
  const auto* reflection = message->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(*message, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    auto visit = [&](Message* child) {
      if (child->GetDescriptor() == Node::descriptor()) Expr(static_cast<Node*>(child));
      else if (sql::Is<pg_query::SelectStmt>(*child))
        Select(static_cast<pg_query::SelectStmt*>(child), false, nullptr);
      else RecurseMessage(child);
    };
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(*message, field); ++i) {
        visit(reflection->MutableRepeatedMessage(message, field, i));
      }
    } else {
      visit(reflection->MutableMessage(message, field));
    }
  }
}

void Normalizer::FlattenBool(Node* node) {
  auto* b = node->mutable_bool_expr();
  if (b->boolop() == pg_query::NOT_EXPR) return;
  google::protobuf::RepeatedPtrField<Node> flat;
  for (auto& arg : *b->mutable_args()) {
    if (arg.has_bool_expr() && arg.bool_expr().boolop() == b->boolop()) {
      for (auto& inner : *arg.mutable_bool_expr()->mutable_args()) *flat.Add() = std::move(inner);
    } else {
      *flat.Add() = std::move(arg);
    }
  }
  b->mutable_args()->Swap(&flat);
}

}  // namespace dbarch::sql::canonical
