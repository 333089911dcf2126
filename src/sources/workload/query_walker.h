// Walks one statement's parse tree level by level — WITH, FROM (tables, views, joins, sub-queries,
// functions), target list, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, and the target/SET/RETURNING
// parts of INSERT, UPDATE, DELETE and MERGE — resolving every relation and column against the catalog
// and recording what the query touches into a model::Query.
//
// Only table (and view) columns are recorded: a filter on a sub-query column that passes a table column
// through unchanged counts as a filter on that table column; a filter on a computed sub-query column
// (`sum(…) AS total`) is not recorded since no index on a table could serve it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/workload.h"
#include "pg_query.pb.h"
#include "sources/workload/scope.h"
#include "sql/ast.h"
#include "sql/parser.h"

namespace dbarch::sources::workload {

class QueryWalker {
 public:
  // view_depth counts view definitions being expanded, to stop on views that reference each other.
  QueryWalker(const model::Catalog& catalog, const sql::Statement& statement, model::Query* query,
              int view_depth = 0);

  // Fills the query from the statement (looking through EXPLAIN, PREPARE and DECLARE … CURSOR).
  void Walk();
  // The columns the statement produces (its SELECT list or RETURNING), valid after Walk().
  const OutputColumns& output() const { return output_; }

 private:
  // How a query level relates to the statement: the outermost level owns LIMIT/OFFSET and the DML
  // target; the branches of an outermost UNION still count for `SELECT *`.
  enum class Level { kTop, kTopBranch, kNested };
  // Where a column reference sits, for the lists the Query keeps.
  enum class Record { kNone, kSelectList };

  struct PredicateContext {
    std::string clause;     // "WHERE", "JOIN", "HAVING"
    std::string join_type;  // for column = column conditions
    bool negated = false;
    bool in_or = false;
  };

  // A comparison operand seen as "a column": a plain column, or an expression over columns.
  struct ColumnSide {
    std::optional<model::ColumnRef> column;
    std::string expression;  // set when the column is wrapped in a function, cast or arithmetic
    bool plain = false;      // a bare column reference
  };

  // Query levels.
  OutputColumns WalkQuery(const pg_query::Node& node, const Scope* parent, bool hide_parent_entries, Level level);
  OutputColumns WalkSelect(const pg_query::SelectStmt& select, const Scope* parent, bool hide_parent_entries,
                           Level level);
  OutputColumns WalkInsert(const pg_query::InsertStmt& insert, const Scope* parent, bool hide_parent_entries,
                           Level level);
  OutputColumns WalkUpdate(const pg_query::UpdateStmt& update, const Scope* parent, bool hide_parent_entries,
                           Level level);
  OutputColumns WalkDelete(const pg_query::DeleteStmt& del, const Scope* parent, bool hide_parent_entries,
                           Level level);
  OutputColumns WalkMerge(const pg_query::MergeStmt& merge, const Scope* parent, bool hide_parent_entries,
                          Level level);
  void WalkWith(const pg_query::WithClause& with, Scope* scope);

  // FROM clause.
  void AddFromItem(const pg_query::Node& item, Scope* scope);
  void AddJoin(const pg_query::JoinExpr& join, Scope* scope);
  RangeEntry ResolveRelation(const pg_query::RangeVar& range_var, const Scope& scope, bool allow_cte);
  const OutputColumns& ViewColumns(const model::View& view);
  RangeEntry TargetEntry(const pg_query::RangeVar& relation, const Scope& scope, Level level);

  // Expressions.
  void WalkExpr(const pg_query::Node& node, const Scope& scope, Record record);
  std::optional<model::ColumnRef> ResolveColumn(const pg_query::ColumnRef& ref, const Scope& scope, bool report);
  // Table columns inside an expression (not inside its sub-queries), without diagnostics.
  void CollectColumns(const pg_query::Node& node, const Scope& scope, std::vector<model::ColumnRef>* columns,
                      bool* has_aggregate);
  ColumnSide DescribeSide(const pg_query::Node& node, const Scope& scope);

  // Clauses.
  OutputColumns WalkTargetList(const sql::NodeList& targets, const Scope& scope, Level level);
  void ExpandStar(const pg_query::ColumnRef& star, const Scope& scope, OutputColumns* out);
  void WalkSortClause(const sql::NodeList& sort, const Scope& scope, const sql::NodeList* targets,
                      const OutputColumns* set_output);
  void WalkGroupClause(const sql::NodeList& group, const Scope& scope, const sql::NodeList& targets);
  void WalkLimit(const pg_query::SelectStmt& select, const Scope& scope, Level level);
  void AddSetColumn(const RangeEntry& target, const std::string& column, int location);
  OutputColumns WalkReturning(const sql::NodeList& returning, const Scope& scope, Level level);

  // Predicates and join conditions.
  void ExtractPredicates(const pg_query::Node& expr, const Scope& scope, const PredicateContext& context);
  void ExtractFromOr(const pg_query::BoolExpr& or_expr, const Scope& scope, const PredicateContext& context);
  void ExtractFromAExpr(const pg_query::A_Expr& expr, const Scope& scope, const PredicateContext& context);
  void AddComparison(const pg_query::Node& left, const pg_query::Node& right, std::string op,
                     const Scope& scope, const PredicateContext& context);
  void AddPredicate(const ColumnSide& side, std::string op, model::Predicate::Operand operand,
                    std::string constant, const PredicateContext& context);

  // Bookkeeping.
  void AddTable(const model::QualifiedName& name);
  void Report(std::string code, std::string message, int node_location);
  SourceLocation LocationAt(int node_location) const;  // a node's `location` field, via Statement::NodeOffset

  const model::Catalog& catalog_;
  const sql::Statement& statement_;
  model::Query* query_;
  int view_depth_;
  OutputColumns output_;
  std::map<model::QualifiedName, OutputColumns> view_columns_;
};

}  // namespace dbarch::sources::workload
