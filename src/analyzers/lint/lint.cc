#include "analyzers/lint.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <map>
#include <tuple>
#include <regex>

#include "analyzers/lint/lint_rule.h"
#include "sources/ddl_loader.h"
#include "sql/ast.h"

namespace dbarch::analyzers {

namespace {

// Rule ids named in `dbarch: ignore[…]` / `dbarch: ignore-file[…]`; {"*"} when the brackets are absent.
std::optional<std::set<std::string>> Suppressed(const std::string& comment, const std::string& keyword) {
  if (comment.find("dbarch:") == std::string::npos) return std::nullopt;
  // Compiled once per keyword: a statement's comments are checked for every statement linted.
  static const std::regex ignore_pattern("dbarch:\\s*ignore(\\s*\\[([^\\]]*)\\])?");
  static const std::regex ignore_file_pattern("dbarch:\\s*ignore-file(\\s*\\[([^\\]]*)\\])?");
  const std::regex& pattern = keyword == "ignore-file" ? ignore_file_pattern : ignore_pattern;
  std::smatch match;
  if (!std::regex_search(comment, match, pattern)) return std::nullopt;
  // "ignore" must not match the start of "ignore-file".
  const size_t after = static_cast<size_t>(match.position(0) + match.length(0));
  if (!match[1].matched && after < comment.size() && comment[after] == '-') return std::nullopt;
  std::set<std::string> ids;
  if (!match[1].matched) return std::set<std::string>{"*"};
  std::string list = match[2].str();
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    std::string id = list.substr(start, end == std::string::npos ? std::string::npos : end - start);
    id.erase(0, id.find_first_not_of(" \t"));
    id.erase(id.find_last_not_of(" \t") + 1);
    if (!id.empty()) ids.insert(id);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return ids;
}

bool Covers(const std::set<std::string>& ids, const std::string& rule_id) {
  return ids.count("*") || ids.count(rule_id);
}

bool IsDdl(const pg_query::Node& node) {
  return !(node.has_select_stmt() || node.has_insert_stmt() || node.has_update_stmt() || node.has_delete_stmt() ||
           node.has_transaction_stmt() || node.has_variable_set_stmt() || node.has_variable_show_stmt() ||
           node.has_copy_stmt() || node.has_explain_stmt() || node.has_merge_stmt());
}

// What the statement changes in the file's state (after the rules have seen it).
void Advance(const sql::Statement& statement, lint::FileState* state) {
  const pg_query::Node& node = statement.node;
  if (node.has_transaction_stmt()) {
    switch (node.transaction_stmt().kind()) {
      case pg_query::TRANS_STMT_BEGIN:
      case pg_query::TRANS_STMT_START:
        state->in_transaction = true;
        state->transaction_has_ddl = state->transaction_wrote_rows = false;
        state->not_valid_in_transaction.clear();
        break;
      case pg_query::TRANS_STMT_COMMIT:
      case pg_query::TRANS_STMT_ROLLBACK:
      case pg_query::TRANS_STMT_PREPARE:
        state->in_transaction = false;
        state->transaction_has_ddl = state->transaction_wrote_rows = false;
        state->not_valid_in_transaction.clear();
        break;
      default:
        break;
    }
    return;
  }
  if (node.has_variable_set_stmt()) {
    const std::string& name = node.variable_set_stmt().name();
    if (name == "lock_timeout") state->lock_timeout_set = true;
    if (name == "statement_timeout") state->statement_timeout_set = true;
    return;
  }
  if (state->in_transaction && node.has_alter_table_stmt()) {
    for (const auto& cmd : node.alter_table_stmt().cmds()) {
      if (!cmd.has_alter_table_cmd() || cmd.alter_table_cmd().subtype() != pg_query::AT_AddConstraint) continue;
      const auto& def = cmd.alter_table_cmd().def();
      if (def.has_constraint() && def.constraint().skip_validation() && !def.constraint().conname().empty())
        state->not_valid_in_transaction.insert(def.constraint().conname());
    }
  }
  if (node.has_insert_stmt() || node.has_update_stmt() || node.has_delete_stmt() || node.has_merge_stmt()) {
    state->transaction_wrote_rows = state->in_transaction;
  } else if (IsDdl(node)) {
    state->transaction_has_ddl = state->in_transaction || state->transaction_has_ddl;
  }
}

// The table the statement creates, named as the replay will name it (after the rules have seen it).
void NoteCreatedTable(const sql::Statement& statement, const std::string& current_schema,
                      std::set<model::QualifiedName>* created) {
  const pg_query::Node& node = statement.node;
  if (node.has_create_stmt()) created->insert(sql::NameOf(node.create_stmt().relation(), current_schema));
  if (node.has_create_table_as_stmt() && node.create_table_as_stmt().has_into())
    created->insert(sql::NameOf(node.create_table_as_stmt().into().rel(), current_schema));
}

bool GlobMatch(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.substr(0, 2) == "**") {
    std::string_view rest = pattern.substr(2);
    if (!rest.empty() && rest.front() == '/') {
      // "**/" also matches no directory at all.
      if (GlobMatch(rest.substr(1), text)) return true;
    }
    for (size_t i = 0; i <= text.size(); ++i)
      if (GlobMatch(rest, text.substr(i))) return true;
    return false;
  }
  if (pattern.front() == '*') {
    for (size_t i = 0; i <= text.size(); ++i) {
      if (GlobMatch(pattern.substr(1), text.substr(i))) return true;
      if (i < text.size() && text[i] == '/') break;
    }
    return false;
  }
  if (text.empty()) return false;
  if (pattern.front() == '?' ? text.front() != '/' : pattern.front() == text.front())
    return GlobMatch(pattern.substr(1), text.substr(1));
  return false;
}

bool MatchesAny(const std::set<std::string>& patterns, std::string_view rule_id) {
  for (const auto& p : patterns) {
    if (p == rule_id || p == "all") return true;
    if (!p.empty() && p.back() == '/' && rule_id.substr(0, p.size()) == p) return true;
  }
  return false;
}

// The per-path settings that apply to one file, merged.
struct FileOptions {
  std::set<std::string> ignore;
  int pg_version;
};

FileOptions ForFile(const LintOptions& options, const std::string& path) {
  FileOptions out{{}, options.pg_version};
  for (const PathOptions& entry : options.per_path) {
    if (!entry.Matches(path)) continue;
    out.ignore.insert(entry.ignore.begin(), entry.ignore.end());
    if (entry.pg_version > 0) out.pg_version = entry.pg_version;
  }
  return out;
}

}  // namespace

bool PathOptions::Matches(std::string_view path) const {
  while (path.substr(0, 2) == "./") path.remove_prefix(2);
  std::string_view glob = pattern;
  while (glob.substr(0, 2) == "./") glob.remove_prefix(2);
  return GlobMatch(glob, path);
}

bool LintOptions::Enabled(std::string_view rule_id, bool opt_in) const {
  if (opt_in && !select.count(std::string(rule_id))) return false;
  if (!select.empty() && !MatchesAny(select, rule_id)) return false;
  return !MatchesAny(ignore, rule_id);
}

// Where a finding goes among those at the same source location: statement rules (in rule order), then file
// rules, then schema rules — the order in which one thread running every rule in turn would have found them.
enum class FindingGroup : uint8_t { kStatement, kFileEnd, kSchema };

struct FindingOrder {
  FindingGroup group;
  uint16_t rule;  // the rule's position in Linter::State::rules
};

// The state carried from file to file; kept behind a pointer so lint.h needs neither the replayer nor the rules.
struct Linter::State {
  explicit State(model::Catalog initial) : catalog(std::move(initial)), replayer(&catalog) {
    replayer.KeepViewDefinitions(false);  // no rule reads a view's text
  }
  model::Catalog catalog;
  sources::DdlReplayer replayer;
  std::vector<const lint::LintRule*> rules;
  Findings out;
  std::vector<FindingOrder> order;  // parallel to out
  std::map<std::string, size_t> file_order;
  std::map<std::string, std::set<std::string>> file_suppressions;
  std::map<std::pair<std::string, int>, std::set<std::string>> statement_suppressions;

  void Add(Findings* found, FindingGroup group, size_t rule) {
    for (Finding& finding : *found) {
      out.push_back(std::move(finding));
      order.push_back({group, static_cast<uint16_t>(rule)});
    }
    found->clear();
  }
};

Linter::Linter(LintOptions options, model::Catalog catalog)
    : options_(std::move(options)), state_(std::make_unique<State>(std::move(catalog))) {
  for (const lint::LintRule* rule : lint::AllLintRules()) {
    if (options_.Enabled(rule->id, rule->opt_in)) state_->rules.push_back(rule);
  }
}

Linter::~Linter() = default;

PreparedLint Linter::Prepare(const sql::ParsedFile& file) const {
  const State& s = *state_;
  PreparedLint out;
  const std::string path = file.source ? file.source->name() : "";
  if (file.source) {
    const std::string& text = file.source->content();
    for (size_t at = text.find("dbarch:"); at != std::string::npos; at = text.find("dbarch:", at + 1)) {
      const size_t line_end = text.find('\n', at);
      auto ids = Suppressed(text.substr(at, line_end == std::string::npos ? std::string::npos : line_end - at),
                            "ignore-file");
      if (ids) out.file_ignored.insert(ids->begin(), ids->end());
    }
  }
  // Per-path settings: their ignores act like an ignore-file comment; their pg-version replaces the global one.
  const FileOptions file_options = ForFile(options_, path);
  out.pg_version = file_options.pg_version;
  for (const lint::LintRule* rule : s.rules) {
    if (MatchesAny(file_options.ignore, rule->id)) out.file_ignored.insert(std::string(rule->id));
  }
  lint::FileState state;
  state.path = path;
  out.statement_ignored.reserve(file.statements.size());
  for (const sql::Statement& statement : file.statements) {
    std::set<std::string> ignored;
    for (const std::string& comment : statement.leading_comments) {
      if (auto ids = Suppressed(comment, "ignore")) ignored.insert(ids->begin(), ids->end());
    }
    lint::StatementContext context(statement, state, file_options.pg_version);
    for (size_t r = 0; r < s.rules.size(); ++r) {
      const lint::LintRule& rule = *s.rules[r];
      if (!rule.check.statement_only) continue;
      if (!out.file_ignored.empty() || !ignored.empty()) {
        const std::string id(rule.id);
        if (Covers(out.file_ignored, id) || Covers(ignored, id)) continue;
      }
      rule.check.statement_only(rule, context, &out.findings);
      out.finding_rules.resize(out.findings.size(), static_cast<uint16_t>(r));
    }
    out.statement_ignored.push_back(std::move(ignored));
    Advance(statement, &state);
  }
  return out;
}

void Linter::Lint(const sql::ParsedFile& file) { Lint(file, Prepare(file)); }

void Linter::Lint(const sql::ParsedFile& file, PreparedLint prepared) {
  State& s = *state_;
  if (prepared.statement_ignored.size() != file.statements.size()) prepared = Prepare(file);  // not this file's
  const model::Catalog& catalog = s.catalog;
  lint::FileState state;
  state.path = file.source ? file.source->name() : "";
  s.file_order.emplace(state.path, s.file_order.size());
  const int pg_version = prepared.pg_version;
  const std::set<std::string>& file_ignored = prepared.file_ignored;
  std::set<model::QualifiedName> created_tables;
  Diagnostics ignored_diagnostics;
  Findings found;
  for (size_t i = 0; i < file.statements.size(); ++i) {
    const sql::Statement& statement = file.statements[i];
    const std::set<std::string>& statement_ignored = prepared.statement_ignored[i];
    lint::LintContext context(statement, state, pg_version, catalog, created_tables);
    for (size_t r = 0; r < s.rules.size(); ++r) {
      const lint::LintRule& rule = *s.rules[r];
      if (!rule.check.with_schema) continue;
      if (!file_ignored.empty() || !statement_ignored.empty()) {
        const std::string id(rule.id);
        if (Covers(file_ignored, id) || Covers(statement_ignored, id)) continue;
      }
      rule.check.with_schema(rule, context, &found);
      s.Add(&found, FindingGroup::kStatement, r);
    }
    if (!statement_ignored.empty()) s.statement_suppressions[{state.path, statement.location.line}] = statement_ignored;
    Advance(statement, &state);
    NoteCreatedTable(statement, s.replayer.current_schema(), &created_tables);
    s.replayer.Apply(statement, &ignored_diagnostics);
  }
  for (size_t k = 0; k < prepared.findings.size(); ++k) {
    s.out.push_back(std::move(prepared.findings[k]));
    s.order.push_back({FindingGroup::kStatement, prepared.finding_rules[k]});
  }
  // File rules see the state after the last statement (located there).
  if (!file.statements.empty()) {
    lint::LintContext context(file.statements.back(), state, pg_version, catalog, created_tables);
    for (size_t r = 0; r < s.rules.size(); ++r) {
      const lint::LintRule& rule = *s.rules[r];
      if (!rule.check_end || Covers(file_ignored, std::string(rule.id))) continue;
      rule.check_end(rule, context, &found);
      s.Add(&found, FindingGroup::kFileEnd, r);
    }
  }
  s.file_suppressions[state.path] = std::move(prepared.file_ignored);
}

Findings Linter::Finish(std::vector<size_t>* order) {
  State& s = *state_;
  // Schema rules judge the schema the files built, on the objects these files define. They only read the
  // final catalog, so they run side by side (the parse workers are done by now).
  std::vector<size_t> schema_rules;
  for (size_t r = 0; r < s.rules.size(); ++r)
    if (s.rules[r]->check_schema) schema_rules.push_back(r);
  std::vector<Findings> per_rule(schema_rules.size());
  std::atomic<size_t> next_rule{0};
  auto run_rules = [&] {
    for (size_t i = next_rule++; i < schema_rules.size(); i = next_rule++) {
      const lint::LintRule& rule = *s.rules[schema_rules[i]];
      rule.check_schema(rule, s.catalog, &per_rule[i]);
    }
  };
  {
    std::vector<std::thread> helpers;
    const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
    for (size_t t = 1; t < std::min(threads, schema_rules.size()); ++t) helpers.emplace_back(run_rules);
    run_rules();
    for (auto& helper : helpers) helper.join();
  }
  for (size_t i = 0; i < schema_rules.size(); ++i) {
    Findings kept;
    for (Finding& finding : per_rule[i]) {
      const std::string& file = finding.location.file;
      if (!s.file_order.count(file) || Covers(s.file_suppressions[file], finding.rule_id)) continue;
      auto suppressed = s.statement_suppressions.find({file, finding.location.line});
      if (suppressed != s.statement_suppressions.end() && Covers(suppressed->second, finding.rule_id)) continue;
      kept.push_back(std::move(finding));
    }
    s.Add(&kept, FindingGroup::kSchema, schema_rules[i]);
  }
  Findings out = std::move(s.out);
  // Sorted through keys and a permutation: moving whole findings around in the sort was a twentieth of the time.
  // Ties at one location keep FindingGroup's order, then the rules' order, then the order found.
  std::vector<std::tuple<size_t, int, int, FindingGroup, uint16_t, size_t>> keys;
  keys.reserve(out.size());
  const std::string* last_file = nullptr;  // a file's findings are mostly adjacent: look its rank up once
  size_t last_rank = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    const SourceLocation& at = out[i].location;
    if (!last_file || at.file != *last_file) {
      auto file = s.file_order.find(at.file);
      last_rank = file == s.file_order.end() ? s.file_order.size() : file->second;
      last_file = &at.file;
    }
    keys.emplace_back(last_rank, at.line, at.column, s.order[i].group, s.order[i].rule, i);
  }
  std::sort(keys.begin(), keys.end());  // the index breaks ties, so the order is stable
  order->clear();
  order->reserve(keys.size());
  for (const auto& key : keys) order->push_back(std::get<5>(key));
  s.order.clear();
  return out;
}

Findings Linter::Finish() {
  std::vector<size_t> order;
  Findings out = Finish(&order);
  // The permutation is applied in place, cycle by cycle: a second vector of all findings was a hundred
  // megabytes more at the peak on a large corpus.
  std::vector<bool> placed(out.size(), false);
  for (size_t start = 0; start < out.size(); ++start) {
    if (placed[start] || order[start] == start) continue;
    Finding held = std::move(out[start]);
    size_t at = start;
    for (;;) {
      placed[at] = true;
      const size_t from = order[at];
      if (from == start) {
        out[at] = std::move(held);
        break;
      }
      out[at] = std::move(out[from]);
      at = from;
    }
  }
  return out;
}

Findings LintFiles(const std::vector<sql::ParsedFile>& files, const LintOptions& options, model::Catalog catalog) {
  Linter linter(options, std::move(catalog));
  for (const sql::ParsedFile& file : files) linter.Lint(file);
  return linter.Finish();
}

}  // namespace dbarch::analyzers
