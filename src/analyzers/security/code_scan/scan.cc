// ScanSource: lex, find the query calls, evaluate their SQL argument, keep those built from values, and
// rewrite them with placeholders. ScanApplicationCode: the same over files and directory trees.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "analyzers/security/code_scan.h"
#include "analyzers/security/code_scan/scan_internal.h"
#include "common/text.h"
#include "sql/parser.h"

namespace dbarch::analyzers::security {
namespace {

using code_scan::Language;

std::optional<Language> ParseLanguage(const std::string& name) {
  if (name == "python") return Language::kPython;
  if (name == "javascript" || name == "typescript") return Language::kJavaScript;
  if (name == "go") return Language::kGo;
  if (name == "java") return Language::kJava;
  if (name == "ruby") return Language::kRuby;
  if (name == "php") return Language::kPhp;
  return std::nullopt;
}

// How to wrap a clause fragment (ActiveRecord where, Laravel whereRaw, …) into a statement to parse it.
std::string StatementToParse(std::string_view fragment, const std::string& sql) {
  if (fragment == "where") return "SELECT 1 FROM dbarch_table WHERE " + sql;
  if (fragment == "order") return "SELECT 1 FROM dbarch_table ORDER BY " + sql;
  if (fragment == "select") return "SELECT " + sql + " FROM dbarch_table";
  if (fragment == "raw") return "SELECT " + sql;
  if (fragment == "from") {
    std::string upper;
    for (char c : sql.substr(0, 12)) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const bool join = upper.find("JOIN") != std::string::npos;
    return (join ? "SELECT 1 FROM dbarch_table " : "SELECT 1 FROM ") + sql;
  }
  return sql;
}

// The call on one line, at most 160 bytes with the ellipsis.
std::string Shorten(std::string text, std::size_t limit = 160) {
  return text.size() <= limit ? text : Ellipsize(std::move(text), limit - 1);
}

std::string LanguageFromShebang(const std::string& first_line) {
  if (first_line.rfind("#!", 0) != 0) return "";
  for (const auto& [word, language] : std::vector<std::pair<std::string, std::string>>{
           {"python", "python"}, {"node", "javascript"}, {"ruby", "ruby"}, {"php", "php"}}) {
    if (first_line.find(word) != std::string::npos) return language;
  }
  return "";
}

}  // namespace

std::string LanguageOfFile(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".py") return "python";
  if (ext == ".js" || ext == ".mjs" || ext == ".cjs" || ext == ".jsx") return "javascript";
  if (ext == ".ts" || ext == ".tsx" || ext == ".mts" || ext == ".cts") return "typescript";
  if (ext == ".go") return "go";
  if (ext == ".java") return "java";
  if (ext == ".rb") return "ruby";
  if (ext == ".php") return "php";
  return "";
}

std::vector<InjectionFinding> ScanSource(const std::string& file, const std::string& text, const std::string& language_name) {
  std::vector<InjectionFinding> findings;
  const auto language = ParseLanguage(language_name);
  if (!language) return findings;
  const code_scan::TokenStream stream = code_scan::Lex(text, *language);
  const code_scan::StringEvaluator evaluator(text, stream, code_scan::RulesFor(*language));
  std::vector<std::size_t> line_starts = {0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts.push_back(i + 1);
  }
  for (const auto& call : code_scan::FindQueryCalls(stream, evaluator, *language)) {
    const std::size_t sql_index = std::min(call.rules->sql_argument, call.arguments.size() - 1);
    const auto [arg_begin, arg_end] = call.arguments[sql_index];
    auto value = evaluator.Evaluate(arg_begin, arg_end);
    if (!value) continue;
    std::string shape;
    InjectionFinding finding;
    for (const auto& piece : value->pieces) {
      shape += piece.kind == code_scan::Piece::Kind::kLiteral ? piece.text : "?";
      if (piece.kind != code_scan::Piece::Kind::kValue) continue;
      finding.interpolated.push_back(piece.text);
      if (finding.construction.empty()) finding.construction = piece.construction;
    }
    if (finding.interpolated.empty()) continue;
    if (call.rules->fragment.empty() && !code_scan::LooksLikeSql(shape)) continue;

    const std::size_t offset = stream.tokens[call.first_token].begin;
    const auto line = std::upper_bound(line_starts.begin(), line_starts.end(), offset) - line_starts.begin();
    finding.location.file = file;
    finding.location.line = static_cast<int>(line);
    finding.location.column = static_cast<int>(offset - line_starts[static_cast<std::size_t>(line - 1)] + 1);
    finding.location.byte_offset = offset;
    finding.location.length = stream.tokens[call.end_token - 1].end - offset;
    finding.language = language_name;
    finding.call = evaluator.Text(call.first_token, call.name_token + 1);
    finding.via_variable = value->via_variable;
    finding.snippet = Shorten(evaluator.Text(call.first_token, call.end_token));

    const auto style = code_scan::PlaceholderFor(*language, call, text);
    const std::string_view fragment = call.rules->fragment;
    const std::string clause = fragment == "where"    ? "WHERE "
                               : fragment == "order"  ? "ORDER BY "
                               : fragment == "select" ? "SELECT "
                               : fragment == "from"   ? "FROM "
                               : fragment == "raw"    ? "SELECT "
                                                      : "";
    const auto sql = code_scan::Parameterize(value->pieces, *language, style, clause);
    const auto rendered = code_scan::RenderParameterizedCall(*language, call, evaluator, sql, text);
    finding.parameterized = rendered.code;
    finding.note = rendered.note;
    auto parsed = sql::ParseString("parameterized", StatementToParse(call.rules->fragment, sql.parse_sql));
    finding.sql_parses = parsed.ok() && !parsed->statements.empty();
    if (!parsed.ok()) finding.parse_error = parsed.status().message();
    findings.push_back(std::move(finding));
  }
  return findings;
}

CodeScanResult ScanApplicationCode(const std::vector<std::string>& paths, const CodeScanOptions& options) {
  namespace fs = std::filesystem;
  CodeScanResult result;
  std::vector<std::pair<std::string, std::string>> files;  // path, language
  auto excluded = [&](const fs::path& dir) {
    const std::string name = dir.filename().string();
    return std::find(options.exclude_dirs.begin(), options.exclude_dirs.end(), name) != options.exclude_dirs.end();
  };
  for (const auto& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error), end;
      if (error) {
        result.notes.push_back(fmt::format("{}: cannot read the directory: {}", path, error.message()));
        continue;
      }
      for (; it != end; it.increment(error)) {
        if (error) {
          result.notes.push_back(fmt::format("{}: {}", path, error.message()));
          break;
        }
        if (it->is_directory(error) && excluded(it->path())) {
          it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file(error)) continue;
        const std::string language = LanguageOfFile(it->path().string());
        if (!language.empty()) files.emplace_back(it->path().lexically_normal().string(), language);
      }
      continue;
    }
    std::string language = LanguageOfFile(path);
    if (language.empty()) {
      std::ifstream in(path);
      std::string first_line;
      std::getline(in, first_line);
      language = LanguageFromShebang(first_line);
    }
    if (!language.empty()) files.emplace_back(path, language);
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  for (const auto& [path, language] : files) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) {
      result.notes.push_back(fmt::format("{}: cannot read: {}", path, error.message()));
      continue;
    }
    if (size > options.max_file_bytes) {
      result.notes.push_back(fmt::format("{}: skipped, {} bytes is more than the {} bytes scanned per file", path,
                                         size, options.max_file_bytes));
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      result.notes.push_back(fmt::format("{}: cannot open", path));
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    ++result.files_scanned;
    auto findings = ScanSource(path, text.str(), language);
    result.findings.insert(result.findings.end(), std::make_move_iterator(findings.begin()),
                           std::make_move_iterator(findings.end()));
  }
  std::stable_sort(result.findings.begin(), result.findings.end(), [](const auto& a, const auto& b) {
    return std::tie(a.location.file, a.location.line, a.location.column) <
           std::tie(b.location.file, b.location.line, b.location.column);
  });
  return result;
}

}  // namespace dbarch::analyzers::security
