#include "model/catalog_sql.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include <fmt/format.h>

namespace dbarch::model {
namespace {

std::string Literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string Idents(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + QuoteIdent(n);
  return out;
}

// "schema.name" as the model writes keys (unquoted) → "schema"."name" quoted as needed.
std::string QuoteDotted(const std::string& dotted) {
  auto dot = dotted.find('.');
  if (dot == std::string::npos) return QuoteIdent(dotted);
  return QuoteIdent(dotted.substr(0, dot)) + "." + QuoteIdent(dotted.substr(dot + 1));
}

// An expression as the model holds it, parenthesised where the grammar needs a_expr in parentheses.
std::string Paren(const std::string& expr) { return "(" + expr + ")"; }

std::string StripTrailingSemicolon(std::string text) {
  while (!text.empty() && (std::isspace(static_cast<unsigned char>(text.back())) || text.back() == ';')) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  return text.substr(start);
}

// A type name written in a function signature ("public.mood[]", "integer"): user types get quoted.
std::string SignatureTypeSql(const Catalog& catalog, const std::string& type) {
  std::string base = type;
  std::string suffix;
  while (base.size() > 2 && base.compare(base.size() - 2, 2, "[]") == 0) {
    base.resize(base.size() - 2);
    suffix += "[]";
  }
  auto dot = base.find('.');
  if (dot != std::string::npos) {
    QualifiedName name{base.substr(0, dot), base.substr(dot + 1)};
    if (catalog.enums.count(name) || catalog.domains.count(name)) return name.ToSql() + suffix;
  }
  return type;
}

std::string ReturnsSql(const Catalog& catalog, const std::string& returns) {
  if (returns.rfind("setof ", 0) == 0) return "SETOF " + SignatureTypeSql(catalog, returns.substr(6));
  if (returns.rfind("TABLE(", 0) == 0) return returns;
  return SignatureTypeSql(catalog, returns);
}

std::string DollarQuote(const std::string& body) {
  std::string tag = "$body$";
  for (int i = 1; body.find(tag) != std::string::npos; ++i) tag = fmt::format("$body{}$", i);
  return tag + body + tag;
}

bool IsStatementBody(const Function& f) {
  static const std::regex kCreate(R"(^\s*create\s+(or\s+replace\s+)?(function|procedure)\s)", std::regex::icase);
  return std::regex_search(f.body, kCreate);
}

const Sequence* OwnedSequence(const Catalog& catalog, const QualifiedName& table, const std::string& column) {
  for (const auto& [name, seq] : catalog.sequences) {
    if (seq.owned_by_table == table && seq.owned_by_column == column) return &seq;
  }
  return nullptr;
}

std::string SequenceOptions(const Sequence& seq, bool with_type) {
  std::string out;
  if (with_type && seq.data_type != "bigint") out += " AS " + seq.data_type;
  if (seq.increment) out += fmt::format(" INCREMENT BY {}", *seq.increment);
  if (seq.min_value) out += fmt::format(" MINVALUE {}", *seq.min_value);
  if (seq.max_value) out += fmt::format(" MAXVALUE {}", *seq.max_value);
  if (seq.start) out += fmt::format(" START WITH {}", *seq.start);
  if (seq.cycle) out += " CYCLE";
  return out;
}

std::string Deferrable(const Constraint& c) {
  std::string out;
  if (c.deferrable) out += " DEFERRABLE";
  if (c.initially_deferred) out += " INITIALLY DEFERRED";
  return out;
}

std::string KeySql(const IndexKey& key) {
  std::string out = key.column.empty() ? Paren(key.expression) : QuoteIdent(key.column);
  if (!key.collation.empty()) out += " COLLATE " + QuoteDotted(key.collation);
  if (!key.opclass.empty()) out += " " + key.opclass;
  if (key.descending) out += " DESC";
  if (key.nulls_first && *key.nulls_first != key.descending) out += *key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
  return out;
}

const Index* BackingIndex(const Catalog& catalog, const Table& table, const std::string& constraint) {
  auto direct = catalog.indexes.find({table.name.schema, constraint});
  if (direct != catalog.indexes.end() && direct->second.constraint_name == constraint) return &direct->second;
  for (const auto& [name, index] : catalog.indexes) {
    if (index.table == table.name && index.constraint_name == constraint) return &index;
  }
  return nullptr;
}

// Kahn's algorithm over names, keeping the input order among independent items.
template <typename Key>
std::vector<Key> DependencyOrder(const std::vector<Key>& items, const std::function<std::vector<Key>(const Key&)>& needs) {
  std::set<Key> known(items.begin(), items.end());
  std::set<Key> done;
  std::vector<Key> out;
  while (out.size() < items.size()) {
    bool progressed = false;
    for (const auto& item : items) {
      if (done.count(item)) continue;
      bool ready = true;
      for (const auto& dep : needs(item)) {
        if (dep != item && known.count(dep) && !done.count(dep)) ready = false;
      }
      if (!ready) continue;
      done.insert(item);
      out.push_back(item);
      progressed = true;
    }
    if (!progressed) {  // a cycle: emit the rest as they come
      for (const auto& item : items) {
        if (done.insert(item).second) out.push_back(item);
      }
    }
  }
  return out;
}

class ScriptWriter {
 public:
  ScriptWriter(const Catalog& catalog, const CatalogSqlOptions& options) : catalog_(catalog), options_(options) {}

  std::string Write() {
    Line("-- Generated by dbarch from the schema model.");
    Line("SET check_function_bodies = false;");
    Line("SET client_min_messages = warning;");
    SearchPath();
    if (options_.include_roles) Roles();
    Schemas();
    if (options_.include_extensions) Extensions();
    Enums();
    Functions([&](const Function& f) { return Stage(f) == 0 && !UsesDomain(f); });
    Domains();
    Functions([&](const Function& f) { return Stage(f) == 0 && UsesDomain(f); });
    Sequences();
    Tables();
    SequenceOwnership();
    LateConstraints();
    Indexes(false);
    Functions([&](const Function& f) { return Stage(f) == 1; });
    Views();
    Indexes(true);
    Functions([&](const Function& f) { return Stage(f) == 2; });
    Triggers();
    RowLevelSecurity();
    Comments();
    if (options_.include_grants) Grants();
    return std::move(out_);
  }

 private:
  void Line(const std::string& text) { out_ += text + "\n"; }
  void Statement(const std::string& text) { out_ += text + ";\n"; }
  void Section(const std::string& title) { out_ += "\n-- " + title + "\n"; }

  void SearchPath() {
    std::string path = "public";
    for (const auto& [name, schema] : catalog_.schemas) {
      if (name != "public") path += ", " + QuoteIdent(name);
    }
    Statement(fmt::format("SELECT pg_catalog.set_config('search_path', {}, false)", Literal(path)));
    search_path_ = path;
  }

  void Roles() {
    if (catalog_.roles.empty()) return;
    Section("Roles (cluster-wide: created only when missing)");
    for (const auto& [name, role] : catalog_.roles) {
      Statement(fmt::format("DO $role$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {}) THEN "
                            "CREATE ROLE {}; END IF; END $role$",
                            Literal(name), QuoteIdent(name)));
      Statement(fmt::format("ALTER ROLE {} WITH {}SUPERUSER {}LOGIN {}CREATEROLE {}CREATEDB {}BYPASSRLS", QuoteIdent(name),
                            role.superuser ? "" : "NO", role.login ? "" : "NO", role.create_role ? "" : "NO",
                            role.create_db ? "" : "NO", role.bypass_rls ? "" : "NO"));
    }
    for (const auto& [name, role] : catalog_.roles) {
      for (const auto& group : role.member_of) Statement(fmt::format("GRANT {} TO {}", QuoteIdent(group), QuoteIdent(name)));
    }
  }

  void Schemas() {
    bool any = false;
    for (const auto& [name, schema] : catalog_.schemas) {
      if (name == "public") continue;
      if (!any) Section("Schemas");
      any = true;
      std::string owner = options_.include_owners && !schema.owner.empty() ? " AUTHORIZATION " + QuoteIdent(schema.owner) : "";
      Statement("CREATE SCHEMA " + QuoteIdent(name) + owner);
    }
  }

  void Extensions() {
    if (catalog_.extensions.empty()) return;
    Section("Extensions");
    for (const auto& [name, ext] : catalog_.extensions) {
      std::string schema = ext.schema.empty() ? "" : " WITH SCHEMA " + QuoteIdent(ext.schema);
      Statement("CREATE EXTENSION IF NOT EXISTS " + QuoteIdent(name) + schema);
    }
  }

  void Enums() {
    if (catalog_.enums.empty()) return;
    Section("Enums");
    for (const auto& [name, e] : catalog_.enums) {
      std::string values;
      for (const auto& v : e.values) values += (values.empty() ? "" : ", ") + Literal(v);
      Statement(fmt::format("CREATE TYPE {} AS ENUM ({})", name.ToSql(), values));
    }
  }

  void Domains() {
    if (catalog_.domains.empty()) return;
    Section("Domains");
    for (const auto& [name, d] : catalog_.domains) {
      std::string sql = fmt::format("CREATE DOMAIN {} AS {}", name.ToSql(), TypeSql(d.base_type));
      if (d.default_expr) sql += " DEFAULT " + *d.default_expr;
      if (d.not_null) sql += " NOT NULL";
      for (std::size_t i = 0; i < d.checks.size(); ++i) {
        if (i < d.check_names.size() && !d.check_names[i].empty()) sql += " CONSTRAINT " + QuoteIdent(d.check_names[i]);
        sql += " CHECK " + Paren(d.checks[i]);
      }
      Statement(sql);
    }
  }

  // 0: needs only types, 1: its signature names a table or view row type, 2: a SQL-standard body (parsed
  // against the objects it uses at creation).
  int Stage(const Function& f) const {
    if (IsStatementBody(f)) return 2;
    std::vector<std::string> types = f.argument_types;
    types.push_back(f.returns);
    for (auto type : types) {
      if (type.rfind("setof ", 0) == 0) type = type.substr(6);
      while (type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0) type.resize(type.size() - 2);
      auto dot = type.find('.');
      QualifiedName name = dot == std::string::npos ? QualifiedName{"public", type}
                                                    : QualifiedName{type.substr(0, dot), type.substr(dot + 1)};
      if (catalog_.tables.count(name) || catalog_.views.count(name)) return 1;
    }
    return 0;
  }

  bool UsesDomain(const Function& f) const {
    for (const auto& [name, d] : catalog_.domains) {
      std::string key = name.ToString();
      if (f.returns.find(key) != std::string::npos) return true;
      for (const auto& a : f.argument_types) {
        if (a.find(key) != std::string::npos) return true;
      }
    }
    return false;
  }

  void Functions(const std::function<bool(const Function&)>& which) {
    bool any = false;
    for (const auto& [key, f] : catalog_.functions) {
      if (!which(f)) continue;
      if (!any) Section("Functions");
      any = true;
      if (IsStatementBody(f)) {
        // The body is the whole statement as written; create it where its unqualified name points.
        Statement(fmt::format("SELECT pg_catalog.set_config('search_path', {}, false)",
                              Literal(QuoteIdent(f.name.schema) + ", " + search_path_)));
        Statement(StripTrailingSemicolon(f.body));
        Statement(fmt::format("SELECT pg_catalog.set_config('search_path', {}, false)", Literal(search_path_)));
        continue;
      }
      Statement(FunctionSql(catalog_, f));
    }
  }

  void Sequences() {
    bool any = false;
    for (const auto& [name, seq] : catalog_.sequences) {
      if (IdentitySequence(seq)) continue;
      if (!any) Section("Sequences");
      any = true;
      Statement("CREATE SEQUENCE " + name.ToSql() + SequenceOptions(seq, true));
    }
  }

  bool IdentitySequence(const Sequence& seq) const {
    if (!seq.owned_by_table) return false;
    const Table* table = catalog_.FindTable(*seq.owned_by_table);
    const Column* column = table ? table->FindColumn(seq.owned_by_column) : nullptr;
    return column && column->identity != IdentityKind::kNone;
  }

  std::vector<QualifiedName> TableOrder() const {
    std::vector<QualifiedName> names;
    for (const auto& [name, table] : catalog_.tables) names.push_back(name);
    return DependencyOrder<QualifiedName>(names, [&](const QualifiedName& name) {
      const Table& t = catalog_.tables.at(name);
      std::vector<QualifiedName> deps = t.inherits;
      if (t.partition_of) deps.push_back(*t.partition_of);
      return deps;
    });
  }

  // Constraints created with the table: everything but foreign keys and NOT VALID checks.
  static bool InlineConstraint(const Constraint& c) {
    return c.kind != ConstraintKind::kForeignKey && !(c.kind == ConstraintKind::kCheck && c.not_valid);
  }

  void Tables() {
    if (catalog_.tables.empty()) return;
    Section("Tables");
    for (const auto& name : TableOrder()) WriteTable(catalog_.tables.at(name));
  }

  // One table's CREATE statement(s) alone, for the migration planner.
 public:
  std::string OneTable(const model::Table& t) {
    out_.clear();
    WriteTable(t);
    return out_;
  }

 private:
  void WriteTable(const model::Table& t) {
    const QualifiedName& name = t.name;
    {
      if (t.partition_of) {
        Partition(t);
        return;
      }
      std::vector<std::string> elements;
      for (const auto& c : t.columns) elements.push_back(ColumnDefinitionSql(catalog_, t, c));
      for (const auto& c : t.constraints) {
        if (InlineConstraint(c)) elements.push_back(ConstraintSql(catalog_, t, c));
      }
      std::string sql = fmt::format("CREATE {}TABLE {} (", t.unlogged ? "UNLOGGED " : "", name.ToSql());
      for (std::size_t i = 0; i < elements.size(); ++i) sql += (i ? ",\n    " : "\n    ") + elements[i];
      sql += elements.empty() ? ")" : "\n)";
      if (!t.inherits.empty()) {
        std::string parents;
        for (const auto& p : t.inherits) parents += (parents.empty() ? "" : ", ") + p.ToSql();
        sql += " INHERITS (" + parents + ")";
      }
      sql += PartitionBy(t);
      Statement(sql);
    }
  }

 public:

  std::string PartitionBy(const Table& t) const {
    if (t.kind != TableKind::kPartitioned) return "";
    std::string keys;
    for (const auto& k : t.partition_keys) {
      const bool column = t.FindColumn(k) != nullptr;
      keys += (keys.empty() ? "" : ", ") + (column ? QuoteIdent(k) : Paren(k));
    }
    std::string strategy = t.partition_strategy;
    std::transform(strategy.begin(), strategy.end(), strategy.begin(), [](unsigned char c) { return std::toupper(c); });
    return " PARTITION BY " + strategy + " (" + keys + ")";
  }

  // A partition takes its parent's columns and CHECKs; only what differs is written.
  void Partition(const Table& t) {
    const Table* parent = catalog_.FindTable(*t.partition_of);
    std::vector<std::string> elements;
    std::vector<std::string> after;
    for (const auto& c : t.columns) {
      const Column* pc = parent ? parent->FindColumn(c.name) : nullptr;
      if (!pc) {  // a column the parent does not have cannot exist in a partition; keep it visible
        after.push_back(fmt::format("ALTER TABLE {} ADD COLUMN {}", t.name.ToSql(), ColumnDefinitionSql(catalog_, t, c)));
        continue;
      }
      std::string options;
      if (c.not_null && !pc->not_null) options += " NOT NULL";
      if (c.default_expr && c.default_expr != pc->default_expr) options += " DEFAULT " + *c.default_expr;
      if (!c.default_expr && pc->default_expr) {
        after.push_back(fmt::format("ALTER TABLE ONLY {} ALTER COLUMN {} DROP DEFAULT", t.name.ToSql(), QuoteIdent(c.name)));
      }
      if (!options.empty()) elements.push_back(QuoteIdent(c.name) + " WITH OPTIONS" + options);
    }
    for (const auto& c : t.constraints) {
      if (!InlineConstraint(c)) continue;
      if (parent && c.kind == ConstraintKind::kCheck && parent->FindConstraint(c.name)) continue;
      elements.push_back(ConstraintSql(catalog_, t, c));
    }
    std::string sql = fmt::format("CREATE {}TABLE {} PARTITION OF {}", t.unlogged ? "UNLOGGED " : "", t.name.ToSql(),
                                  t.partition_of->ToSql());
    if (!elements.empty()) {
      sql += " (";
      for (std::size_t i = 0; i < elements.size(); ++i) sql += (i ? ",\n    " : "\n    ") + elements[i];
      sql += "\n)";
    }
    sql += " " + (t.partition_bound.empty() ? std::string("DEFAULT") : t.partition_bound);
    sql += PartitionBy(t);
    Statement(sql);
    for (const auto& s : after) Statement(s);
  }

  void SequenceOwnership() {
    bool any = false;
    for (const auto& [name, seq] : catalog_.sequences) {
      if (!seq.owned_by_table || IdentitySequence(seq) || !catalog_.FindTable(*seq.owned_by_table)) continue;
      if (!any) Section("Sequence ownership");
      any = true;
      Statement(fmt::format("ALTER SEQUENCE {} OWNED BY {}.{}", name.ToSql(), seq.owned_by_table->ToSql(),
                            QuoteIdent(seq.owned_by_column)));
    }
  }

  void LateConstraints() {
    bool any = false;
    for (const auto& name : TableOrder()) {
      const Table& t = catalog_.tables.at(name);
      const Table* parent = t.partition_of ? catalog_.FindTable(*t.partition_of) : nullptr;
      for (const auto& c : t.constraints) {
        if (InlineConstraint(c)) continue;
        // A partition's foreign keys come from its parent's.
        if (parent && c.kind == ConstraintKind::kForeignKey && parent->FindConstraint(c.name)) continue;
        if (!any) Section("Foreign keys and NOT VALID constraints");
        any = true;
        Statement(fmt::format("ALTER TABLE {} ADD {}{}", t.name.ToSql(), ConstraintSql(catalog_, t, c),
                              c.not_valid ? " NOT VALID" : ""));
      }
    }
  }

  void Indexes(bool on_views) {
    bool any = false;
    for (const auto& [name, index] : catalog_.indexes) {
      if (!index.constraint_name.empty()) continue;
      if (catalog_.views.count(index.table) != static_cast<std::size_t>(on_views)) continue;
      if (!any) Section(on_views ? "Indexes on materialized views" : "Indexes");
      any = true;
      Statement(IndexSql(index));
    }
  }

  void Views() {
    if (catalog_.views.empty()) return;
    Section("Views");
    std::vector<QualifiedName> names;
    for (const auto& [name, view] : catalog_.views) names.push_back(name);
    auto order = DependencyOrder<QualifiedName>(names, [&](const QualifiedName& n) { return catalog_.views.at(n).reads; });
    for (const auto& name : order) Statement(ViewSql(catalog_.views.at(name)));
  }

  void Triggers() {
    if (catalog_.triggers.empty()) return;
    Section("Triggers");
    for (const auto& t : catalog_.triggers) Statement(TriggerSql(t));
  }

  void RowLevelSecurity() {
    bool any = false;
    for (const auto& [name, t] : catalog_.tables) {
      if (!t.rls_enabled && !t.rls_forced) continue;
      if (!any) Section("Row-level security");
      any = true;
      if (t.rls_enabled) Statement("ALTER TABLE " + name.ToSql() + " ENABLE ROW LEVEL SECURITY");
      if (t.rls_forced) Statement("ALTER TABLE " + name.ToSql() + " FORCE ROW LEVEL SECURITY");
    }
    if (!catalog_.policies.empty() && !any) Section("Policies");
    for (const auto& p : catalog_.policies) Statement(PolicySql(p));
  }

  void Comment(const std::string& target, const std::optional<std::string>& comment) {
    if (!comment) return;
    if (!comments_started_) Section("Comments");
    comments_started_ = true;
    Statement(fmt::format("COMMENT ON {} IS {}", target, Literal(*comment)));
  }

  void Comments() {
    for (const auto& [name, s] : catalog_.schemas) Comment("SCHEMA " + QuoteIdent(name), s.comment);
    for (const auto& [name, e] : catalog_.enums) Comment("TYPE " + name.ToSql(), e.comment);
    for (const auto& [name, d] : catalog_.domains) Comment("DOMAIN " + name.ToSql(), d.comment);
    for (const auto& [name, t] : catalog_.tables) {
      Comment("TABLE " + name.ToSql(), t.comment);
      for (const auto& c : t.columns) Comment("COLUMN " + name.ToSql() + "." + QuoteIdent(c.name), c.comment);
      for (const auto& c : t.constraints) Comment("CONSTRAINT " + QuoteIdent(c.name) + " ON " + name.ToSql(), c.comment);
    }
    for (const auto& [name, v] : catalog_.views) {
      Comment((v.materialized ? "MATERIALIZED VIEW " : "VIEW ") + name.ToSql(), v.comment);
    }
    for (const auto& [name, i] : catalog_.indexes) {
      if (i.constraint_name.empty()) Comment("INDEX " + name.ToSql(), i.comment);
    }
    for (const auto& [key, f] : catalog_.functions) {
      std::string args;
      for (const auto& a : f.argument_types) args += (args.empty() ? "" : ", ") + SignatureTypeSql(catalog_, a);
      Comment(fmt::format("{} {}({})", f.is_procedure ? "PROCEDURE" : "FUNCTION", f.name.ToSql(), args), f.comment);
    }
  }

  void Grants() {
    if (catalog_.grants.empty()) return;
    Section("Privileges");
    for (const auto& g : catalog_.grants) {
      std::string privileges;
      for (const auto& p : g.privileges) {
        privileges += (privileges.empty() ? "" : ", ") + p;
        if (!g.columns.empty()) privileges += " (" + Idents(g.columns) + ")";
      }
      std::string grantee = g.grantee == "PUBLIC" ? "PUBLIC" : QuoteIdent(g.grantee);
      Statement(fmt::format("GRANT {} ON {} TO {}{}", privileges, GrantTargetSql(g.object_kind, g.object), grantee,
                            g.with_grant_option ? " WITH GRANT OPTION" : ""));
    }
  }

  const Catalog& catalog_;
  const CatalogSqlOptions& options_;
  std::string out_;
  std::string search_path_;
  bool comments_started_ = false;
};

}  // namespace

std::string TypeSql(const TypeName& type) {
  if (!type.is_user_type) return type.ToSql();
  TypeName bare = type;
  bare.name.clear();
  std::string suffix = bare.ToSql();  // "(mods)[]…"
  return QuoteDotted(type.name) + suffix;
}

std::string ColumnDefinitionSql(const Catalog& catalog, const Table& table, const Column& column) {
  std::string sql = QuoteIdent(column.name) + " " + TypeSql(column.type);
  if (!column.collation.empty()) sql += " COLLATE " + QuoteDotted(column.collation);
  if (column.generated_expr) sql += " GENERATED ALWAYS AS " + Paren(*column.generated_expr) + " STORED";
  if (column.identity != IdentityKind::kNone) {
    sql += column.identity == IdentityKind::kAlways ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY";
    if (const Sequence* seq = OwnedSequence(catalog, table.name, column.name)) {
      sql += " (SEQUENCE NAME " + seq->name.ToSql() + SequenceOptions(*seq, false) + ")";
    }
  }
  if (column.not_null) sql += " NOT NULL";
  if (column.default_expr && column.identity == IdentityKind::kNone && !column.generated_expr) {
    sql += " DEFAULT " + *column.default_expr;
  }
  return sql;
}

std::string ConstraintSql(const Catalog& catalog, const Table& table, const Constraint& c) {
  std::string sql = "CONSTRAINT " + QuoteIdent(c.name) + " ";
  auto include = [&] { return c.include_columns.empty() ? "" : " INCLUDE (" + Idents(c.include_columns) + ")"; };
  switch (c.kind) {
    case ConstraintKind::kPrimaryKey:
      sql += "PRIMARY KEY (" + Idents(c.columns) + ")" + include();
      break;
    case ConstraintKind::kUnique:
      sql += std::string("UNIQUE") + (c.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") + " (" + Idents(c.columns) + ")" +
             include();
      break;
    case ConstraintKind::kCheck:
      sql += "CHECK " + Paren(c.check_expr);
      break;
    case ConstraintKind::kExclude: {
      const Index* index = BackingIndex(catalog, table, c.name);
      std::string elements;
      for (std::size_t i = 0; i < c.exclusion_elements.size(); ++i) {
        const auto& e = c.exclusion_elements[i];
        std::string key;
        if (index && i < index->keys.size()) {
          key = KeySql(index->keys[i]);
        } else {
          const bool column = table.FindColumn(e.column_or_expression) != nullptr;
          key = column ? QuoteIdent(e.column_or_expression) : Paren(e.column_or_expression);
        }
        elements += (elements.empty() ? "" : ", ") + key + " WITH " + e.op;
      }
      sql += "EXCLUDE USING " + c.exclusion_method + " (" + elements + ")" + include();
      if (!c.where_predicate.empty()) sql += " WHERE " + Paren(c.where_predicate);
      break;
    }
    case ConstraintKind::kForeignKey: {
      sql += "FOREIGN KEY (" + Idents(c.columns) + ") REFERENCES " + c.referenced_table.ToSql();
      if (!c.referenced_columns.empty()) sql += " (" + Idents(c.referenced_columns) + ")";
      if (!c.match_type.empty() && c.match_type != "SIMPLE") sql += " MATCH " + c.match_type;
      if (c.on_delete != ReferentialAction::kNoAction) sql += " ON DELETE " + std::string(ReferentialActionSql(c.on_delete));
      if (c.on_update != ReferentialAction::kNoAction) sql += " ON UPDATE " + std::string(ReferentialActionSql(c.on_update));
      break;
    }
  }
  return sql + Deferrable(c);
}

std::string TableSql(const Catalog& catalog, const Table& table) {
  return ScriptWriter(catalog, {}).OneTable(table);
}

std::string IndexSql(const Index& index) {
  std::string keys;
  for (const auto& k : index.keys) keys += (keys.empty() ? "" : ", ") + KeySql(k);
  std::string sql = fmt::format("CREATE {}INDEX {} ON {} USING {} ({})", index.unique ? "UNIQUE " : "",
                                QuoteIdent(index.name.name), index.table.ToSql(), index.method, keys);
  if (!index.include_columns.empty()) sql += " INCLUDE (" + Idents(index.include_columns) + ")";
  if (index.nulls_not_distinct) sql += " NULLS NOT DISTINCT";
  if (!index.predicate.empty()) sql += " WHERE " + Paren(index.predicate);
  return sql;
}

std::string ViewSql(const View& view) {
  std::string columns = view.columns.empty() ? "" : " (" + Idents(view.columns) + ")";
  std::string sql = fmt::format("CREATE {}VIEW {}{} AS\n{}", view.materialized ? "MATERIALIZED " : "",
                                view.name.ToSql(), columns, StripTrailingSemicolon(view.definition));
  if (view.materialized) sql += view.with_data ? "\nWITH DATA" : "\nWITH NO DATA";
  return sql;
}

std::string FunctionSql(const Catalog& catalog, const Function& f) {
  if (IsStatementBody(f)) return StripTrailingSemicolon(f.body);
  std::string args = f.arguments_sql;
  if (args.empty()) {
    for (const auto& a : f.argument_types) args += (args.empty() ? "" : ", ") + SignatureTypeSql(catalog, a);
  }
  std::string sql = fmt::format("CREATE {} {}({})", f.is_procedure ? "PROCEDURE" : "FUNCTION", f.name.ToSql(), args);
  if (!f.is_procedure) sql += " RETURNS " + ReturnsSql(catalog, f.returns.empty() ? "void" : f.returns);
  sql += " LANGUAGE " + QuoteIdent(f.language.empty() ? "sql" : f.language);
  if (!f.is_procedure) sql += " " + std::string(VolatilityName(f.volatility));
  if (f.security_definer) sql += " SECURITY DEFINER";
  if (!f.search_path.empty()) {
    // proconfig spells an empty path `""`, which SET does not accept as an identifier.
    sql += " SET search_path TO " + (f.search_path == "\"\"" ? std::string("''") : f.search_path);
  } else if (f.sets_search_path) {
    sql += " SET search_path = pg_catalog, public";  // the model does not know the value
  }
  return sql + "\nAS " + DollarQuote(f.body);
}

std::string TriggerSql(const Trigger& t) {
  std::string events;
  for (const auto& e : t.events) {
    events += (events.empty() ? "" : " OR ") + e;
    if (e == "UPDATE" && !t.update_columns.empty()) events += " OF " + Idents(t.update_columns);
  }
  std::string sql = fmt::format("CREATE {}TRIGGER {} {} {} ON {} FOR EACH {}", t.constraint_trigger ? "CONSTRAINT " : "",
                                QuoteIdent(t.name), t.timing, events, t.table.ToSql(), t.for_each_row ? "ROW" : "STATEMENT");
  if (!t.when_expr.empty()) sql += " WHEN " + Paren(t.when_expr);
  return sql + " EXECUTE FUNCTION " + t.function.ToSql() + "()";
}

std::string PolicySql(const Policy& p) {
  std::string roles;
  for (const auto& r : p.roles) {
    bool keyword = r == "PUBLIC" || r == "CURRENT_USER" || r == "CURRENT_ROLE" || r == "SESSION_USER";
    roles += (roles.empty() ? "" : ", ") + (keyword ? r : QuoteIdent(r));
  }
  std::string sql = fmt::format("CREATE POLICY {} ON {} AS {} FOR {}", QuoteIdent(p.name), p.table.ToSql(),
                                p.permissive ? "PERMISSIVE" : "RESTRICTIVE", p.command.empty() ? "ALL" : p.command);
  if (!roles.empty()) sql += " TO " + roles;
  if (!p.using_expr.empty()) sql += " USING " + Paren(p.using_expr);
  if (!p.check_expr.empty()) sql += " WITH CHECK " + Paren(p.check_expr);
  return sql;
}

std::string GrantTargetSql(const std::string& kind, const std::string& object) {
  if (kind.rfind("ALL ", 0) == 0 || kind == "SCHEMA" || kind == "DATABASE" || kind == "LANGUAGE") {
    return kind + " " + QuoteIdent(object);
  }
  if (kind == "FUNCTION" || kind == "PROCEDURE" || kind == "ROUTINE") {
    auto paren = object.find('(');
    std::string name = object.substr(0, paren);
    std::string args = paren == std::string::npos ? "()" : object.substr(paren);
    return kind + " " + QuoteDotted(name) + args;
  }
  return kind + " " + QuoteDotted(object);
}

std::string CatalogToSql(const Catalog& catalog, const CatalogSqlOptions& options) {
  return ScriptWriter(catalog, options).Write();
}

}  // namespace dbarch::model
