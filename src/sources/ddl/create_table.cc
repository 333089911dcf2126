// CREATE TABLE (columns, constraints, partitioning, inheritance, LIKE) and CREATE TABLE AS.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {
namespace {

// Bits of TableLikeClause.options (CREATE_TABLE_LIKE_* in parsenodes.h, PostgreSQL 15).
constexpr uint32_t kLikeConstraints = 1u << 2;
constexpr uint32_t kLikeDefaults = 1u << 3;
constexpr uint32_t kLikeGenerated = 1u << 4;
constexpr uint32_t kLikeIndexes = 1u << 6;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string DatumList(const sql::NodeList& datums) {
  std::string out;
  for (const auto& d : datums) out += (out.empty() ? "" : ", ") + sql::DeparseExpr(d);
  return out;
}

std::string PartitionBoundSql(const pg_query::PartitionBoundSpec& bound) {
  if (bound.is_default()) return "DEFAULT";
  if (bound.strategy() == "l" || bound.listdatums_size() > 0) return "FOR VALUES IN (" + DatumList(bound.listdatums()) + ")";
  if (bound.strategy() == "h" || bound.modulus() > 0) {
    return fmt::format("FOR VALUES WITH (MODULUS {}, REMAINDER {})", bound.modulus(), bound.remainder());
  }
  return "FOR VALUES FROM (" + DatumList(bound.lowerdatums()) + ") TO (" + DatumList(bound.upperdatums()) + ")";
}

// Columns (and, as requested by INCLUDING options, defaults, CHECKs and PK/UNIQUE) of `source`.
void CopyLike(ReplayContext& ctx, model::Table& table, const pg_query::TableLikeClause& like) {
  model::QualifiedName source_name = ctx.ResolveRelation(like.relation());
  const model::Table* source = ctx.catalog->FindTable(source_name);
  if (!source) {
    ctx.UnknownObject("table", source_name.ToString());
    return;
  }
  model::Table copy = *source;  // `table` may be `source`'s neighbour in the map; work on a copy
  for (auto col : copy.columns) {
    if (table.FindColumn(col.name)) continue;
    if (!(like.options() & kLikeDefaults)) col.default_expr.reset();
    if (!(like.options() & kLikeGenerated)) col.generated_expr.reset();
    col.identity = model::IdentityKind::kNone;
    col.from_serial = false;
    col.comment.reset();
    table.columns.push_back(std::move(col));
  }
  for (const auto& con : copy.constraints) {
    bool is_check = con.kind == model::ConstraintKind::kCheck;
    bool is_key = con.kind == model::ConstraintKind::kPrimaryKey || con.kind == model::ConstraintKind::kUnique;
    if (is_check && (like.options() & kLikeConstraints)) {
      if (!table.FindConstraint(con.name)) table.constraints.push_back(con);
    } else if (is_key && (like.options() & kLikeIndexes)) {
      pg_query::Constraint rebuilt;
      rebuilt.set_contype(con.kind == model::ConstraintKind::kPrimaryKey ? pg_query::CONSTR_PRIMARY
                                                                         : pg_query::CONSTR_UNIQUE);
      for (const auto& col : con.columns) rebuilt.add_keys()->mutable_string()->set_sval(col);
      rebuilt.set_location(-1);
      AddConstraint(ctx, table, rebuilt);
    }
  }
}

}  // namespace

void AddColumn(ReplayContext& ctx, model::Table& table, const pg_query::ColumnDef& def,
               std::vector<PendingConstraint>* pending) {
  if (table.FindColumn(def.colname())) {
    ctx.Warn("duplicate-object", fmt::format("column {} of {} already exists", def.colname(),
                                             table.name.ToString()), def.location());
    return;
  }
  model::Column col;
  col.name = def.colname();
  col.type = ResolveType(ctx, def.type_name());
  col.not_null = def.is_not_null();
  col.location = ctx.Where(def.location());
  if (def.has_raw_default()) col.default_expr = sql::DeparseExpr(def.raw_default());
  if (def.has_coll_clause()) col.collation = sql::JoinNames(def.coll_clause().collname());
  if (sql::SerialBaseType(def.type_name())) {
    // What PostgreSQL does for serial: an integer column, NOT NULL, defaulting to nextval() of a sequence
    // named <table>_<column>_seq that the column owns.
    col.from_serial = true;
    col.not_null = true;
    model::Sequence seq;
    seq.name = {table.name.schema,
                ChooseRelationName(*ctx.catalog, table.name.schema, table.name.name, col.name, "seq")};
    seq.data_type = col.type.name;
    seq.owned_by_table = table.name;
    seq.owned_by_column = col.name;
    if (ctx.hints) ctx.hints->sequence_owner_columns.insert(col.name);
    seq.location = col.location;
    std::string regclass = seq.name.schema == "public" ? model::QuoteIdent(seq.name.name) : seq.name.ToSql();
    col.default_expr = fmt::format("nextval('{}'::regclass)", regclass);
    ctx.catalog->sequences[seq.name] = std::move(seq);
  }
  table.columns.push_back(std::move(col));
  for (const auto& node : def.constraints()) {
    if (!node.has_constraint()) continue;
    const auto& con = node.constraint();
    switch (con.contype()) {
      case pg_query::CONSTR_CHECK:
      case pg_query::CONSTR_PRIMARY:
      case pg_query::CONSTR_UNIQUE:
      case pg_query::CONSTR_FOREIGN:
      case pg_query::CONSTR_EXCLUSION:
        pending->push_back({con, def.colname()});
        break;
      case pg_query::CONSTR_ATTR_DEFERRABLE:
      case pg_query::CONSTR_ATTR_NOT_DEFERRABLE:
      case pg_query::CONSTR_ATTR_DEFERRED:
      case pg_query::CONSTR_ATTR_IMMEDIATE:
        // Column constraint attributes modify the constraint written just before them.
        if (!pending->empty() && pending->back().column == def.colname()) {
          auto& prev = pending->back().con;
          if (con.contype() == pg_query::CONSTR_ATTR_DEFERRABLE) prev.set_deferrable(true);
          if (con.contype() == pg_query::CONSTR_ATTR_NOT_DEFERRABLE) prev.set_deferrable(false);
          if (con.contype() == pg_query::CONSTR_ATTR_DEFERRED) prev.set_initdeferred(true);
          if (con.contype() == pg_query::CONSTR_ATTR_IMMEDIATE) prev.set_initdeferred(false);
        }
        break;
      default:
        AddConstraint(ctx, table, con, def.colname());
    }
  }
}

void ApplyPendingConstraints(ReplayContext& ctx, model::Table& table, std::vector<PendingConstraint>* pending) {
  auto rank = [](const PendingConstraint& p) {
    switch (p.con.contype()) {
      case pg_query::CONSTR_CHECK: return 0;
      case pg_query::CONSTR_PRIMARY: return 1;
      case pg_query::CONSTR_UNIQUE:
      case pg_query::CONSTR_EXCLUSION: return 2;
      default: return 3;
    }
  };
  std::stable_sort(pending->begin(), pending->end(),
                   [&](const PendingConstraint& a, const PendingConstraint& b) { return rank(a) < rank(b); });
  for (const auto& p : *pending) AddConstraint(ctx, table, p.con, p.column);
  pending->clear();
}

void CreateTable(ReplayContext& ctx, const pg_query::CreateStmt& stmt) {
  model::QualifiedName name = ctx.Resolve(stmt.relation());
  if (RelationNameTaken(*ctx.catalog, name)) {
    if (!stmt.if_not_exists()) {
      ctx.Warn("duplicate-object", fmt::format("relation {} already exists; CREATE TABLE ignored", name.ToString()));
    }
    return;
  }
  model::Table& table = ctx.catalog->tables[name];
  table.name = name;
  table.location = ctx.Where();
  table.unlogged = stmt.relation().relpersistence() == "u";
  table.temporary = stmt.relation().relpersistence() == "t";
  if (stmt.has_partspec()) {
    table.kind = model::TableKind::kPartitioned;
    table.partition_strategy = Lower(stmt.partspec().strategy());
    for (const auto& param : stmt.partspec().part_params()) {
      const auto& elem = param.partition_elem();
      table.partition_keys.push_back(elem.name().empty() ? sql::DeparseExpr(elem.expr()) : elem.name());
    }
  }
  if (stmt.has_of_typename()) {
    ctx.Warn("unsupported-statement", "CREATE TABLE … OF type: the columns of the type are not known");
  }

  // Parents first: a partition or child table starts with its parent's columns.
  for (const auto& parent_node : stmt.inh_relations()) {
    if (!parent_node.has_range_var()) continue;
    model::QualifiedName parent_name = ctx.ResolveRelation(parent_node.range_var());
    const model::Table* parent = ctx.catalog->FindTable(parent_name);
    if (!parent) {
      ctx.UnknownObject("table", parent_name.ToString());
    } else {
      for (const auto& col : parent->columns) {
        if (table.FindColumn(col.name)) continue;
        model::Column copy = col;
        copy.identity = model::IdentityKind::kNone;
        copy.from_serial = false;
        copy.comment.reset();
        table.columns.push_back(std::move(copy));
      }
      for (const auto& con : parent->constraints) {
        if (con.kind == model::ConstraintKind::kCheck && !table.FindConstraint(con.name)) {
          table.constraints.push_back(con);
        }
      }
    }
    if (stmt.has_partbound()) {
      table.partition_of = parent_name;
      table.partition_bound = PartitionBoundSql(stmt.partbound());
    } else {
      table.inherits.push_back(parent_name);
    }
  }

  std::vector<PendingConstraint> pending;
  for (const auto& elt : stmt.table_elts()) {
    if (elt.has_column_def()) {
      const auto& def = elt.column_def();
      // In a partition (or a child), a column definition only adds options to an inherited column.
      if (model::Column* existing = table.FindColumn(def.colname())) {
        if (def.is_not_null()) existing->not_null = true;
        if (def.has_raw_default()) existing->default_expr = sql::DeparseExpr(def.raw_default());
        for (const auto& con : def.constraints()) {
          if (!con.has_constraint()) continue;
          auto type = con.constraint().contype();
          if (type == pg_query::CONSTR_NOTNULL || type == pg_query::CONSTR_DEFAULT) {
            AddConstraint(ctx, table, con.constraint(), def.colname());
          } else {
            pending.push_back({con.constraint(), def.colname()});
          }
        }
        continue;
      }
      AddColumn(ctx, table, def, &pending);
    } else if (elt.has_constraint()) {
      pending.push_back({elt.constraint(), ""});
    } else if (elt.has_table_like_clause()) {
      CopyLike(ctx, table, elt.table_like_clause());
    }
  }
  for (const auto& con : stmt.constraints()) {
    if (con.has_constraint()) pending.push_back({con.constraint(), ""});
  }
  ApplyPendingConstraints(ctx, table, &pending);
}

void CreateTableAs(ReplayContext& ctx, const pg_query::CreateTableAsStmt& stmt) {
  if (stmt.objtype() == pg_query::OBJECT_MATVIEW) {
    CreateMaterializedView(ctx, stmt);
    return;
  }
  model::QualifiedName name = ctx.Resolve(stmt.into().rel());
  if (RelationNameTaken(*ctx.catalog, name)) {
    if (!stmt.if_not_exists()) {
      ctx.Warn("duplicate-object", fmt::format("relation {} already exists; CREATE TABLE AS ignored",
                                               name.ToString()));
    }
    return;
  }
  model::Table& table = ctx.catalog->tables[name];
  table.name = name;
  table.location = ctx.Where();
  table.unlogged = stmt.into().rel().relpersistence() == "u";
  table.temporary = stmt.into().rel().relpersistence() == "t";
  std::vector<std::string> names = sql::StringList(stmt.into().col_names());
  std::vector<std::string> derived = OutputColumnNames(ctx, stmt.query());
  for (std::size_t i = names.size(); i < derived.size(); ++i) names.push_back(derived[i]);
  for (const auto& column_name : names) {
    model::Column col;
    col.name = column_name;
    col.location = table.location;
    table.columns.push_back(std::move(col));
  }
  ctx.Warn("unknown-column-types",
           fmt::format("CREATE TABLE {} AS …: the column types come from the query and are not known",
                       name.ToString()));
}

}  // namespace dbarch::sources::ddl
