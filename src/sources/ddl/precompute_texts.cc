// PrecomputeReplayTexts: the expressions and view queries the replay prints into the model, deparsed ahead on
// a parse worker. Mirrors the DeparseExpr/Deparse calls of create_table.cc, constraints.cc, alter_table.cc,
// indexes.cc, views.cc, objects.cc (domains) and routines.cc (triggers, policies): a node missed here is
// simply deparsed during the replay, a node added here that the replay never prints costs only worker time.
#include "sources/ddl/precompute_texts.h"

namespace dbarch::sources {

namespace {

class Precomputer {
 public:
  Precomputer(sql::DeparseCache* cache, bool view_definitions) : cache_(cache), view_definitions_(view_definitions) {}

  void Statement(const pg_query::Node& node) {
    switch (node.node_case()) {
      case pg_query::Node::kCreateStmt: CreateTable(node.create_stmt()); break;
      case pg_query::Node::kAlterTableStmt:
        for (const auto& cmd : node.alter_table_stmt().cmds())
          if (cmd.has_alter_table_cmd()) AlterTableCommand(cmd.alter_table_cmd());
        break;
      case pg_query::Node::kIndexStmt: Index(node.index_stmt()); break;
      case pg_query::Node::kViewStmt:
        if (view_definitions_) Query(node.view_stmt().query());
        break;
      case pg_query::Node::kCreateTableAsStmt:  // only a materialized view keeps its query as text
        if (view_definitions_ && node.create_table_as_stmt().objtype() == pg_query::OBJECT_MATVIEW) {
          Query(node.create_table_as_stmt().query());
        }
        break;
      case pg_query::Node::kCreateDomainStmt:
        for (const auto& c : node.create_domain_stmt().constraints())
          if (c.has_constraint()) Constraint(c.constraint());
        break;
      case pg_query::Node::kAlterDomainStmt: {
        const auto& def = node.alter_domain_stmt().def();
        if (def.has_constraint()) Constraint(def.constraint());
        else Expr(def);
        break;
      }
      case pg_query::Node::kCreateTrigStmt: Expr(node.create_trig_stmt().when_clause()); break;
      case pg_query::Node::kCreatePolicyStmt:
        Expr(node.create_policy_stmt().qual());
        Expr(node.create_policy_stmt().with_check());
        break;
      case pg_query::Node::kAlterPolicyStmt:
        Expr(node.alter_policy_stmt().qual());
        Expr(node.alter_policy_stmt().with_check());
        break;
      default: break;
    }
  }

 private:
  void Expr(const pg_query::Node& expr) {
    if (expr.node_case() == pg_query::Node::NODE_NOT_SET) return;
    cache_->Add(expr, false, sql::DeparseExpr(expr));
  }

  void Query(const pg_query::Node& query) {
    auto text = sql::Deparse(query);
    if (text.ok()) cache_->Add(query, true, std::move(text).value());
  }

  void Constraint(const pg_query::Constraint& constraint) {
    Expr(constraint.raw_expr());
    Expr(constraint.where_clause());
    for (const auto& exclusion : constraint.exclusions()) {
      // Each exclusion is a List of (IndexElem, operator).
      if (!exclusion.has_list()) continue;
      for (const auto& item : exclusion.list().items())
        if (item.has_index_elem()) Expr(item.index_elem().expr());
    }
  }

  void Column(const pg_query::ColumnDef& column) {
    Expr(column.raw_default());
    for (const auto& c : column.constraints())
      if (c.has_constraint()) Constraint(c.constraint());
  }

  void Bound(const pg_query::PartitionBoundSpec& bound) {
    for (const auto& d : bound.listdatums()) Expr(d);
    for (const auto& d : bound.lowerdatums()) Expr(d);
    for (const auto& d : bound.upperdatums()) Expr(d);
  }

  void CreateTable(const pg_query::CreateStmt& stmt) {
    for (const auto& element : stmt.table_elts()) {
      if (element.has_column_def()) Column(element.column_def());
      else if (element.has_constraint()) Constraint(element.constraint());
    }
    for (const auto& param : stmt.partspec().part_params())
      if (param.has_partition_elem()) Expr(param.partition_elem().expr());
    if (stmt.has_partbound()) Bound(stmt.partbound());
  }

  void AlterTableCommand(const pg_query::AlterTableCmd& cmd) {
    const auto& def = cmd.def();
    if (def.has_column_def()) Column(def.column_def());
    else if (def.has_constraint()) Constraint(def.constraint());
    else if (def.has_partition_cmd()) Bound(def.partition_cmd().bound());
    else if (cmd.subtype() == pg_query::AT_ColumnDefault) Expr(def);
  }

  void Index(const pg_query::IndexStmt& stmt) {
    for (const auto& param : stmt.index_params())
      if (param.has_index_elem()) Expr(param.index_elem().expr());
    Expr(stmt.where_clause());
  }

  sql::DeparseCache* cache_;
  bool view_definitions_;
};

}  // namespace

std::unique_ptr<sql::DeparseCache> PrecomputeReplayTexts(const sql::ParsedFile& file, bool view_definitions) {
  auto cache = std::make_unique<sql::DeparseCache>();
  Precomputer precomputer(cache.get(), view_definitions);
  for (const auto& statement : file.statements) precomputer.Statement(statement.node);
  return cache;
}

}  // namespace dbarch::sources
