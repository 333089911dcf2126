// ProposeSummaries: each aggregate SELECT of the workload read as an AggregateShape; a summary (a new
// materialized view, or an existing one that covers it) and the query rewritten to read it.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "analyzers/denormalize.h"
#include "analyzers/denormalize/aggregate_shape.h"
#include "sql/ast.h"
#include "sql/parser.h"

namespace dbarch::analyzers {
namespace {

using denormalize::AggregateShape;
using denormalize::ExprSql;
using denormalize::MeasureKind;

std::string Quote(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// How the query's keys and measures are called in the summary relation it reads.
struct SummaryColumns {
  std::string relation;              // qualified name as SQL
  std::vector<std::string> keys;     // per shape key
  std::vector<std::string> measures; // per shape measure
};

std::string MeasureSql(const denormalize::ShapeMeasure& m) {
  switch (m.kind) {
    case MeasureKind::kCountStar: return "count(*)";
    case MeasureKind::kCount: return "count(" + ExprSql(m.arg) + ")";
    case MeasureKind::kSum: return "sum(" + ExprSql(m.arg) + ")";
    case MeasureKind::kMin: return "min(" + ExprSql(m.arg) + ")";
    case MeasureKind::kMax: return "max(" + ExprSql(m.arg) + ")";
  }
  return "";
}

std::string Cast(const pg_query::Node& bound, const std::string& type) {
  return "CAST((" + ExprSql(bound) + ") AS " + type + ")";
}

// The whole days inside the query's range: [start, end). No start when the range has no lower bound; the end
// of an open range is the start of the current day, so today's rows always come from the table.
struct WholeDays {
  std::optional<std::string> start;
  std::string end;
};

WholeDays WholeDaysOf(const AggregateShape& shape) {
  WholeDays days;
  days.end = "date_trunc('day', CAST(now() AS " + shape.time_type + "))";
  for (const auto& b : shape.bounds) {
    const std::string value = Cast(b.bound, shape.time_type);
    if (b.lower) {
      days.start = b.strict ? "date_trunc('day', " + value + ") + interval '1 day'"
                            : "date_trunc('day', " + value + " + interval '1 day' - interval '1 microsecond')";
    } else {
      days.end = "date_trunc('day', " + value + ")";
    }
  }
  return days;
}

std::string SummaryDefinition(const AggregateShape& shape) {
  std::vector<std::string> items;
  for (const auto& k : shape.keys) items.push_back(ExprSql(k.expr) + " AS " + Quote(k.name));
  for (const auto& m : shape.measures) items.push_back(MeasureSql(m) + " AS " + Quote(m.name));
  std::string sql = fmt::format("SELECT {} FROM {}", fmt::join(items, ", "), denormalize::FromSql(*shape.select));
  std::vector<std::string> filters;
  for (const auto& f : shape.fixed_filters) filters.push_back("(" + ExprSql(f) + ")");
  if (!filters.empty()) sql += " WHERE " + fmt::format("{}", fmt::join(filters, " AND "));
  std::vector<std::string> positions;
  for (size_t i = 0; i < shape.keys.size(); ++i) positions.push_back(std::to_string(i + 1));
  return sql + " GROUP BY " + fmt::format("{}", fmt::join(positions, ", "));
}

std::string OuterItem(const AggregateShape& shape, const denormalize::OutputItem& out) {
  auto column = [&](size_t m) { return "summary_rows." + Quote(shape.measures[m].name); };
  std::string value;
  if (out.key) {
    value = "summary_rows." + Quote(shape.keys[*out.key].name);
  } else if (out.aggregate == "count") {
    value = "CAST(sum(" + column(out.measures[0]) + ") AS bigint)";
  } else if (out.aggregate == "sum") {
    const std::string& type = shape.measures[out.measures[0]].arg_type;
    value = "sum(" + column(out.measures[0]) + ")";
    // sum(integer) is bigint, but a sum of bigint partial sums is numeric: keep the original type.
    if (type == "integer" || type == "smallint") value = "CAST(" + value + " AS bigint)";
  } else if (out.aggregate == "avg") {
    value = "CAST(sum(" + column(out.measures[0]) + ") AS numeric) / NULLIF(sum(" + column(out.measures[1]) + "), 0)";
  } else {
    value = out.aggregate + "(" + column(out.measures[0]) + ")";
  }
  return value + " AS " + Quote(out.name);
}

// The rewritten query: the summary's rows for whole days (all rows when there is no time range) and the base
// tables' rows for the rest of the range, re-aggregated. With `with_limit` false, without LIMIT/OFFSET.
std::string RewrittenSql(const AggregateShape& shape, const SummaryColumns& summary, bool with_limit) {
  std::vector<std::string> summary_items, base_items, group;
  for (size_t i = 0; i < shape.keys.size(); ++i) {
    summary_items.push_back(Quote(summary.keys[i]) + " AS " + Quote(shape.keys[i].name));
    base_items.push_back(ExprSql(shape.keys[i].expr) + " AS " + Quote(shape.keys[i].name));
    // The day bucket splits the summary's groups; the query's own groups are re-formed above it.
    if (shape.bucket_key != i || shape.bucket_is_query_key) group.push_back("summary_rows." + Quote(shape.keys[i].name));
  }
  for (size_t i = 0; i < shape.measures.size(); ++i) {
    summary_items.push_back(Quote(summary.measures[i]) + " AS " + Quote(shape.measures[i].name));
    base_items.push_back(MeasureSql(shape.measures[i]) + " AS " + Quote(shape.measures[i].name));
  }
  std::string rows = fmt::format("SELECT {} FROM {}", fmt::join(summary_items, ", "), summary.relation);
  if (shape.time_column) {
    const WholeDays days = WholeDaysOf(shape);
    const std::string day = Quote(summary.keys[*shape.bucket_key]);
    const std::string ts = ExprSql(*shape.time_column);
    rows += " WHERE " + (days.start ? day + " >= " + *days.start + " AND " : "") + day + " < " + days.end;
    std::vector<std::string> positions;
    for (size_t i = 0; i < shape.keys.size(); ++i) positions.push_back(std::to_string(i + 1));
    rows += fmt::format(" UNION ALL SELECT {} FROM {} WHERE ({}) AND NOT ({}{} < {}) GROUP BY {}",
                        fmt::join(base_items, ", "), denormalize::FromSql(*shape.select),
                        ExprSql(shape.select->where_clause()), days.start ? ts + " >= " + *days.start + " AND " : "",
                        ts, days.end, fmt::join(positions, ", "));
  }
  std::vector<std::string> outer;
  for (const auto& out : shape.outputs) outer.push_back(OuterItem(shape, out));
  std::string sql = fmt::format("SELECT {} FROM ({}) AS summary_rows GROUP BY {}", fmt::join(outer, ", "), rows,
                                fmt::join(group, ", "));
  if (!shape.order_by.empty()) sql += " ORDER BY " + fmt::format("{}", fmt::join(shape.order_by, ", "));
  if (with_limit) sql += denormalize::LimitSql(*shape.select);
  return sql;
}

// The statement as deparsed SQL, proving it parses.
Result<std::string> Normalized(const std::string& sql) {
  auto parsed = sql::ParseOne(sql);
  if (!parsed.ok()) return Status::Internal("generated SQL does not parse: " + parsed.status().message() + ": " + sql);
  return sql::Deparse(*parsed);
}

std::string WithoutLimit(const pg_query::Node& statement) {
  pg_query::Node copy = statement;
  auto* select = copy.mutable_select_stmt();
  select->clear_limit_count();
  select->clear_limit_offset();
  select->set_limit_option(pg_query::LIMIT_OPTION_DEFAULT);
  auto text = sql::Deparse(copy);
  return text.ok() ? *text : "";
}

// An existing materialized view with the query's tables, joins and constant filters, whose keys and
// aggregates cover the query's: its column names; else why not (when it reads the same tables).
struct ExistingMatch {
  std::optional<SummaryColumns> columns;
  std::string mismatch;
};

std::multiset<std::string> TableNames(const AggregateShape& shape) {
  std::multiset<std::string> out;
  for (const auto& [alias, table] : shape.tables) out.insert(table->name.ToString());
  return out;
}

ExistingMatch MatchExisting(const model::Catalog& catalog, const model::View& view, const AggregateShape& query) {
  ExistingMatch match;
  auto parsed = sql::ParseOne(view.definition);
  if (!parsed.ok() || !parsed->has_select_stmt()) return match;
  auto shape = denormalize::ReadAggregateShape(catalog, parsed->select_stmt());
  if (!shape.ok() || shape->time_column || TableNames(*shape) != TableNames(query)) return match;
  const std::string name = view.name.ToString();
  if (shape->join_canonicals != query.join_canonicals) {
    match.mismatch = name + " joins the same tables on other columns";
    return match;
  }
  if (shape->fixed_canonicals != query.fixed_canonicals) {
    std::vector<std::string> mv(shape->fixed_canonicals.begin(), shape->fixed_canonicals.end());
    std::vector<std::string> q(query.fixed_canonicals.begin(), query.fixed_canonicals.end());
    match.mismatch = fmt::format("{} filters {} where the query needs {}", name,
                                 mv.empty() ? "nothing" : fmt::format("{}", fmt::join(mv, " AND ")),
                                 q.empty() ? "no filter" : fmt::format("{}", fmt::join(q, " AND ")));
    return match;
  }
  if (!view.with_data) {
    match.mismatch = name + " is created WITH NO DATA";
    return match;
  }
  std::map<std::string, std::string> key_columns, measure_columns;  // canonical → the view's column
  for (size_t i = 0; i < shape->outputs.size(); ++i) {
    const auto& out = shape->outputs[i];
    const std::string column = i < view.columns.size() ? view.columns[i] : out.name;
    if (out.key) key_columns.emplace(shape->keys[*out.key].canonical, column);
    else if (out.aggregate != "avg") measure_columns.emplace(shape->measures[out.measures[0]].canonical, column);
  }
  SummaryColumns columns;
  columns.relation = view.name.ToSql();
  for (const auto& key : query.keys) {
    auto it = key_columns.find(key.canonical);
    if (it == key_columns.end()) {
      match.mismatch = fmt::format("{} has no column for {}", name, key.canonical);
      return match;
    }
    columns.keys.push_back(it->second);
  }
  for (const auto& measure : query.measures) {
    auto it = measure_columns.find(measure.canonical);
    if (it == measure_columns.end()) {
      match.mismatch = fmt::format("{} does not compute {}", name, measure.canonical);
      return match;
    }
    columns.measures.push_back(it->second);
  }
  match.columns = std::move(columns);
  return match;
}

bool HasUniqueIndex(const model::Catalog& catalog, const model::QualifiedName& relation) {
  const auto indexes = catalog.indexes.On(relation);
  return std::any_of(indexes.begin(), indexes.end(),
                     [](const model::Index* index) { return index->unique && index->predicate.empty(); });
}

std::string SummaryName(const model::Catalog& catalog, const AggregateShape& shape,
                        const std::set<std::string>& taken) {
  const model::Table* fact = shape.tables.at(shape.fact_alias);
  std::string base = fact->name.name + (shape.time_column ? "_daily_summary" : "_summary");
  std::string name = base;
  for (int n = 2;; ++n) {
    model::QualifiedName candidate{fact->name.schema, name};
    if (taken.count(name) == 0 && catalog.FindTable(candidate) == nullptr && catalog.views.count(candidate) == 0) {
      return name;
    }
    name = fmt::format("{}_{}", base, n);
  }
}

double WritesTo(const model::Workload& workload, const model::QualifiedName& table) {
  double writes = 0;
  for (const auto& q : workload.queries) {
    if (q.kind != model::StatementKind::kSelect && q.kind != model::StatementKind::kOther && q.target &&
        *q.target == table) {
      writes += q.calls;
    }
  }
  return writes;
}

std::string KeyList(const AggregateShape& shape) {
  std::vector<std::string> keys;
  for (size_t i = 0; i < shape.keys.size(); ++i) {
    keys.push_back(shape.bucket_key == i ? "day" : ExprSql(shape.keys[i].expr));
  }
  return fmt::format("{}", fmt::join(keys, ", "));
}

}  // namespace

DenormalizationAdvice ProposeSummaries(const model::Catalog& catalog, const model::Workload& workload) {
  DenormalizationAdvice advice;
  std::set<std::string> taken;
  for (const auto& query : workload.queries) {
    if (query.kind != model::StatementKind::kSelect || query.group_by.empty()) continue;
    auto skip = [&](std::string reason) {
      advice.skipped.push_back({query.fingerprint, query.label, std::move(reason)});
    };
    auto parsed = sql::ParseOne(query.text);
    if (!parsed.ok() || !parsed->has_select_stmt()) continue;
    auto shape = denormalize::ReadAggregateShape(catalog, parsed->select_stmt());
    if (!shape.ok()) {
      skip(shape.status().message());
      continue;
    }
    const model::Table* fact = shape->tables.at(shape->fact_alias);
    const double writes = WritesTo(workload, fact->name);
    if (writes > kMaxWritesPerSummaryRead * query.calls) {
      skip(fmt::format("{} is write-heavy ({:.0f} writes per call of this query): the summary would be stale almost "
                       "always and refreshing it would cost more than it saves",
                       fact->name.ToString(), writes / query.calls));
      continue;
    }
    SummaryProposal p;
    p.fingerprint = query.fingerprint;
    p.label = query.label;
    p.calls = query.calls;
    p.weight = query.calls * static_cast<double>(shape->tables.size());
    p.fact_table = fact->name.ToString();
    for (const auto& [alias, table] : shape->tables) {
      if (alias != shape->fact_alias) p.dimension_tables.push_back(table->name.ToString());
    }
    p.time_column = shape->time_column_name;
    p.time_type = shape->time_type;
    p.original_sql = query.text;
    SummaryColumns columns;
    bool concurrent = true;
    for (const auto& [name, view] : catalog.views) {
      if (!view.materialized) continue;
      ExistingMatch match = MatchExisting(catalog, view, *shape);
      if (match.columns) {
        columns = *match.columns;
        p.summary_name = view.name.ToString();
        p.reuses_existing = true;
        concurrent = HasUniqueIndex(catalog, view.name);
        if (!concurrent) {
          p.notes.push_back(view.name.ToString() + " has no unique index: it can only be refreshed without "
                                                   "CONCURRENTLY, which blocks its readers while it runs");
        }
        break;
      }
      if (!match.mismatch.empty()) p.notes.push_back("existing materialized view not reusable: " + match.mismatch);
    }
    if (!p.reuses_existing) {
      const std::string name = SummaryName(catalog, *shape, taken);
      taken.insert(name);
      const model::QualifiedName qualified{fact->name.schema, name};
      columns.relation = qualified.ToSql();
      std::vector<std::string> key_names;
      for (const auto& k : shape->keys) {
        columns.keys.push_back(k.name);
        key_names.push_back(Quote(k.name));
      }
      for (const auto& m : shape->measures) columns.measures.push_back(m.name);
      auto definition = Normalized(SummaryDefinition(*shape));
      if (!definition.ok()) {
        skip(definition.status().message());
        continue;
      }
      auto index = Normalized(fmt::format("CREATE UNIQUE INDEX {} ON {} ({})", Quote(name + "_key"),
                                          columns.relation, fmt::join(key_names, ", ")));
      if (!index.ok()) {
        skip(index.status().message());
        continue;
      }
      p.summary_name = qualified.ToString();
      p.create_sql = "CREATE MATERIALIZED VIEW " + columns.relation + " AS " + *definition + ";\n" + *index + ";\n";
    }
    if (shape->time_column) {
      const auto& ref = shape->time_column->column_ref();
      const model::Table* table =
          shape->tables.at(sql::StringValue(ref.fields(ref.fields_size() - 2)));
      const std::string column = sql::StringValue(ref.fields(ref.fields_size() - 1));
      const auto indexes = catalog.indexes.On(table->name);
      const bool indexed = std::any_of(indexes.begin(), indexes.end(), [&](const model::Index* index) {
        return index->method == "btree" && !index->keys.empty() && index->keys[0].column == column &&
               index->predicate.empty();
      });
      if (!indexed) {
        const std::string base = table->name.name + "_" + column + "_idx";
        std::string name = base;
        for (int n = 2; catalog.indexes.contains(model::QualifiedName{table->name.schema, name}); ++n) {
          name = fmt::format("{}{}", base, n);
        }
        p.supporting_index_name = model::QualifiedName{table->name.schema, name}.ToString();
        auto index = Normalized(fmt::format("CREATE INDEX CONCURRENTLY IF NOT EXISTS {} ON {} ({})", Quote(name), table->name.ToSql(),
                                            Quote(column)));
        if (index.ok()) p.supporting_index_sql = *index + ";\n";
      }
    }
    p.refresh_sql = fmt::format("REFRESH MATERIALIZED VIEW {}{};", concurrent ? "CONCURRENTLY " : "",
                                columns.relation);
    auto rewritten = Normalized(RewrittenSql(*shape, columns, true));
    if (!rewritten.ok()) {
      skip(rewritten.status().message());
      continue;
    }
    p.rewritten_sql = *rewritten;
    if (shape->select->has_limit_count() || shape->select->has_limit_offset()) {
      p.compare_original_sql = WithoutLimit(*parsed);
      auto unlimited = Normalized(RewrittenSql(*shape, columns, false));
      if (unlimited.ok()) p.compare_rewritten_sql = *unlimited;
    }
    p.refresh_interval = "hourly";
    std::string tables = p.fact_table;
    for (const auto& d : p.dimension_tables) tables += " ⋈ " + d;
    if (shape->time_column) {
      const bool open_ended = std::none_of(shape->bounds.begin(), shape->bounds.end(),
                                           [](const auto& b) { return !b.lower; });
      p.why = fmt::format(
          "{:g} calls aggregate {} over a range of {}; the summary holds one row per {}, so the "
          "query reads the summary's rows for the whole days of the range and the table only for the partial "
          "days at its edges{}.",
          query.calls, tables, p.time_column, KeyList(*shape), open_ended ? " and for today" : "");
      p.staleness = open_ended
                        ? "today's rows and the partial first day always come from the table; rows written or changed "
                          "in earlier days since the last refresh are missing until the next one (up to an hour)"
                        : "the partial days at the edges always come from the table; rows written or changed in the "
                          "range's whole days since the last refresh are missing until the next one (up to an hour)";
    } else {
      p.why = fmt::format("{:g} calls aggregate every row of {}; the summary holds one row per {}.", query.calls,
                          tables, KeyList(*shape));
      p.staleness = "the whole result is as of the last refresh (up to an hour old)";
    }
    if (shape->time_type.find("with time zone") != std::string::npos) {
      p.caveat = "day buckets of a timestamptz column follow the TimeZone of the session that refreshes the "
                 "summary: run the query with the same TimeZone setting, or its whole days do not line up";
    }
    p.why += writes > 0
                 ? fmt::format(" A materialized view refreshed hourly rather than a trigger-maintained table: {} takes "
                               "{:.0f} writes per call of this query on the request path, and per-row maintenance "
                               "would add to each of them.",
                               p.fact_table, writes / query.calls)
                 : fmt::format(" The workload shows no writes to {}: a materialized view refreshed after each load is "
                               "exact and needs no trigger.",
                               p.fact_table);
    for (const auto& b : shape->bounds) {
      if (b.bound.has_param_ref()) {
        p.range_parameters.push_back({b.bound.param_ref().number(),
                                      b.lower ? RangeParameter::Role::kLowerBound : RangeParameter::Role::kUpperBound});
        continue;
      }
      sql::VisitTree(b.bound, [&](const google::protobuf::Message& message) {
        const auto* node = dynamic_cast<const pg_query::Node*>(&message);
        if (node != nullptr && node->has_param_ref()) {
          p.range_parameters.push_back({node->param_ref().number(), RangeParameter::Role::kWindow});
        }
      });
    }
    advice.proposals.push_back(std::move(p));
  }
  std::stable_sort(advice.proposals.begin(), advice.proposals.end(),
                   [](const auto& a, const auto& b) { return a.weight > b.weight; });
  return advice;
}

}  // namespace dbarch::analyzers
