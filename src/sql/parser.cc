#include "sql/parser.h"

#include "common/text.h"

#include "sql/deparse_cache.h"
#include "sql/message_children.h"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <thread>

#include <fmt/format.h>

namespace dbarch::sql {
namespace {

// Owns a libpg_query result and frees it on scope exit.
template <typename R, void (*Free)(R)>
struct Owned {
  R r;
  explicit Owned(R result) : r(result) {}
  ~Owned() { Free(r); }
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Converts libpg_query's 1-based character cursor position into a byte offset within text.
std::size_t CursorToByte(std::string_view text, int cursorpos) {
  if (cursorpos <= 1) return 0;
  int chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (++chars == cursorpos) return i;
    }
  }
  return text.size();
}

std::size_t EndOfLine(const std::string& text, std::size_t pos) {
  std::size_t eol = text.find('\n', pos);
  return eol == std::string::npos ? text.size() : eol;
}

bool AtLineStart(const std::string& text, std::size_t pos) {
  while (pos > 0) {
    char c = text[pos - 1];
    if (c == '\n') return true;
    if (c != ' ' && c != '\t' && c != '\r') return false;
    --pos;
  }
  return true;
}

void Blank(std::string* text, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to && i < text->size(); ++i) {
    if ((*text)[i] != '\n') (*text)[i] = ' ';
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Compared in place, ignoring case: this runs over every file parsed, so no copy per candidate.
bool ContainsStdin(std::string_view text) { return ContainsIgnoringAsciiCase(text, "stdin"); }

// Removes psql meta-command lines and COPY … FROM stdin data blocks from `text` (replacing them with
// blanks so offsets stay valid), using PostgreSQL's own scanner to know what is inside strings and
// comments. Returns the meta-commands found.
std::vector<MetaCommand> BlankNonSql(const SourceText& source, std::string* text, Diagnostics* diags) {
  std::vector<MetaCommand> metas;
  // Without a backslash there is no meta-command, and without "stdin" no COPY data: most files have neither,
  // and scanning a large file into tokens cost as much as a third of parsing it.
  if (text->find('\\') == std::string::npos && !ContainsStdin(*text)) return metas;
  std::size_t pos = 0;
  while (pos < text->size()) {
    pg_query::ScanResult tokens;
    bool scan_failed = false;
    {
      Owned<PgQueryScanResult, pg_query_free_scan_result> scan(pg_query_scan(text->c_str() + pos));
      if (scan.r.error) {
        // An unterminated literal, often inside COPY data or after a meta-command: scan up to it, since
        // the tokens before are sound; if nothing there explains it, the parser reports it later.
        scan_failed = true;
        std::string prefix = text->substr(pos, CursorToByte(std::string_view(*text).substr(pos), scan.r.error->cursorpos));
        Owned<PgQueryScanResult, pg_query_free_scan_result> partial(pg_query_scan(prefix.c_str()));
        if (partial.r.error) return metas;
        if (!tokens.ParseFromArray(partial.r.pbuf.data, static_cast<int>(partial.r.pbuf.len))) return metas;
      } else if (!tokens.ParseFromArray(scan.r.pbuf.data, static_cast<int>(scan.r.pbuf.len))) {
        return metas;
      }
    }

    std::size_t restart = std::string::npos;
    std::vector<const pg_query::ScanToken*> statement;
    for (const auto& tok : tokens.tokens()) {
      std::size_t start = pos + static_cast<std::size_t>(tok.start());
      if (tok.token() == pg_query::SQL_COMMENT || tok.token() == pg_query::C_COMMENT) continue;
      if (tok.token() == pg_query::ASCII_92 && AtLineStart(*text, start)) {
        std::size_t eol = EndOfLine(*text, start);
        std::string line = text->substr(start + 1, eol - start - 1);
        while (!line.empty() && IsSpace(line.back())) line.pop_back();
        MetaCommand meta;
        meta.location = source.Locate(start, eol - start);
        std::size_t sp = line.find_first_of(" \t");
        meta.command = line.substr(0, sp);
        if (sp != std::string::npos) {
          meta.argument = line.substr(line.find_first_not_of(" \t", sp));
        }
        metas.push_back(std::move(meta));
        Blank(text, start, eol);
        restart = eol;
        break;
      }
      if (tok.token() == pg_query::ASCII_59) {  // ';' ends a statement: is it COPY … FROM STDIN?
        bool is_copy = !statement.empty() && statement.front()->token() == pg_query::COPY;
        bool from_stdin = false;
        for (std::size_t i = 0; is_copy && i + 1 < statement.size(); ++i) {
          if (statement[i]->token() == pg_query::FROM) {
            const auto* next = statement[i + 1];
            std::string word = Lower(text->substr(pos + next->start(), next->end() - next->start()));
            from_stdin = word == "stdin";
          }
        }
        statement.clear();
        if (from_stdin) {
          std::size_t data_start = EndOfLine(*text, start + 1);
          if (data_start < text->size()) ++data_start;
          std::size_t line_start = data_start;
          std::size_t data_end = text->size();
          while (line_start < text->size()) {
            std::size_t eol = EndOfLine(*text, line_start);
            std::string_view line(text->data() + line_start, eol - line_start);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (line == "\\.") { data_end = eol; break; }
            line_start = eol + 1;
          }
          if (data_end == text->size() && line_start >= text->size()) {
            diags->push_back({Severity::kWarning, source.Locate(data_start), "unterminated-copy-data",
                              "COPY … FROM stdin data is not terminated by a line '\\.'; the rest of the file "
                              "was treated as data"});
          }
          Blank(text, data_start, data_end);
          restart = data_end;
          break;
        }
        continue;
      }
      statement.push_back(&tok);
    }
    if (restart == std::string::npos) break;
    (void)scan_failed;
    pos = restart;
  }
  return metas;
}

// Skips whitespace and comments at the start of [begin,end), collecting `--` comment texts.
std::size_t SkipLeadingTrivia(const std::string& text, std::size_t begin, std::size_t end,
                              std::vector<std::string>* comments) {
  std::size_t i = begin;
  while (i < end) {
    if (IsSpace(text[i])) { ++i; continue; }
    if (text.compare(i, 2, "--") == 0) {
      std::size_t eol = std::min(EndOfLine(text, i), end);
      std::string comment = text.substr(i + 2, eol - i - 2);
      std::size_t a = comment.find_first_not_of(" \t-");
      std::size_t b = comment.find_last_not_of(" \t\r");
      comments->push_back(a == std::string::npos ? "" : comment.substr(a, b - a + 1));
      i = eol;
      continue;
    }
    if (text.compare(i, 2, "/*") == 0) {  // PostgreSQL block comments nest
      int depth = 0;
      std::size_t j = i;
      while (j < end) {
        if (text.compare(j, 2, "/*") == 0) { ++depth; j += 2; }
        else if (text.compare(j, 2, "*/") == 0) { --depth; j += 2; if (depth == 0) break; }
        else ++j;
      }
      i = j;
      continue;
    }
    break;
  }
  return i;
}

struct Chunk {
  std::size_t begin = 0;  // first significant byte
  std::size_t end = 0;    // one past the last byte (semicolon excluded)
  std::vector<std::string> comments;
};

Status ParseChunk(const SourceText& source, const std::string& text, const Chunk& chunk, Statement* out) {
  std::string stmt_text = text.substr(chunk.begin, chunk.end - chunk.begin);
  Owned<PgQueryProtobufParseResult, pg_query_free_protobuf_parse_result> parsed(
      pg_query_parse_protobuf(stmt_text.c_str()));
  if (parsed.r.error) {
    std::size_t offset = chunk.begin + CursorToByte(stmt_text, parsed.r.error->cursorpos);
    if (parsed.r.error->cursorpos <= 0) offset = chunk.begin;
    std::string message = parsed.r.error->message ? parsed.r.error->message : "syntax error";
    return Status::InvalidInput(source.FormatError(offset, message), source.Locate(offset));
  }
  pg_query::ParseResult tree;
  if (!tree.ParseFromArray(parsed.r.parse_tree.data, static_cast<int>(parsed.r.parse_tree.len))) {
    return Status::Internal("could not decode libpg_query's parse tree");
  }
  if (tree.stmts_size() == 0) return Status::Ok();  // nothing but trivia
  out->location = source.Locate(chunk.begin, chunk.end - chunk.begin);
  // Keep the original text (blanked regions never fall inside a statement).
  out->text = std::move(stmt_text);
  out->leading_comments = chunk.comments;
  *out->mutable_node() = std::move(*tree.mutable_stmts(0)->mutable_stmt());
  return Status::Ok();
}

}  // namespace

// Files up to this size are parsed in one libpg_query call (larger ones statement by statement, on several
// threads). One call saves the scanner pass that splits the file and the per-call set-up, about a tenth of
// parsing a corpus of migration files.
constexpr std::size_t kWholeFileParseLimit = 1 << 20;

// Parses the whole text at once and cuts it into statements at libpg_query's statement boundaries; each
// statement's node locations stay offsets into the file (Statement::node_location_base). False when the text
// does not parse: the caller then parses it statement by statement, which reports the error as always.
bool ParseWhole(const SourceText& source, const std::string& text, std::vector<Statement>* statements) {
  Owned<PgQueryProtobufParseResult, pg_query_free_protobuf_parse_result> parsed(pg_query_parse_protobuf(text.c_str()));
  if (parsed.r.error) return false;
  pg_query::ParseResult tree;
  if (!tree.ParseFromArray(parsed.r.parse_tree.data, static_cast<int>(parsed.r.parse_tree.len))) return false;
  statements->reserve(static_cast<std::size_t>(tree.stmts_size()));
  for (auto& raw : *tree.mutable_stmts()) {
    const std::size_t begin = static_cast<std::size_t>(raw.stmt_location());
    // A length of 0 is the last statement, without a semicolon: it runs to the end of the text.
    const std::size_t end = raw.stmt_len() == 0 ? text.size() : begin + static_cast<std::size_t>(raw.stmt_len());
    Chunk chunk;
    chunk.begin = SkipLeadingTrivia(text, begin, end, &chunk.comments);
    chunk.end = end;
    while (chunk.end > chunk.begin && IsSpace(text[chunk.end - 1])) --chunk.end;
    if (chunk.begin >= chunk.end || !raw.has_stmt()) continue;
    Statement& out = statements->emplace_back();
    out.location = source.Locate(chunk.begin, chunk.end - chunk.begin);
    out.text = text.substr(chunk.begin, chunk.end - chunk.begin);
    out.leading_comments = std::move(chunk.comments);
    *out.mutable_node() = std::move(*raw.mutable_stmt());
    out.node_location_base = static_cast<int>(chunk.begin);
  }
  return true;
}

// Statement keeps node as a plain member; this accessor exists for ParseChunk's readability.
pg_query::Node* Statement::mutable_node() { return &node; }

Result<ParsedFile> ParseSource(std::shared_ptr<const SourceText> source) {
  ParsedFile file;
  file.source = source;
  std::string text = source->content();
  file.meta_commands = BlankNonSql(*source, &text, &file.diagnostics);
  if (text.size() <= kWholeFileParseLimit && ParseWhole(*source, text, &file.statements)) return file;
  file.statements.clear();

  Owned<PgQuerySplitResult, pg_query_free_split_result> split(pg_query_split_with_scanner(text.c_str()));
  if (split.r.error) {
    std::size_t offset = CursorToByte(text, split.r.error->cursorpos);
    return Status::InvalidInput(source->FormatError(offset, split.r.error->message), source->Locate(offset));
  }
  std::vector<Chunk> chunks;
  for (int i = 0; i < split.r.n_stmts; ++i) {
    std::size_t begin = static_cast<std::size_t>(split.r.stmts[i]->stmt_location);
    std::size_t end = begin + static_cast<std::size_t>(split.r.stmts[i]->stmt_len);
    Chunk chunk;
    chunk.begin = SkipLeadingTrivia(text, begin, end, &chunk.comments);
    chunk.end = end;
    while (chunk.end > chunk.begin && IsSpace(text[chunk.end - 1])) --chunk.end;
    if (chunk.begin < chunk.end) chunks.push_back(std::move(chunk));
  }

  std::vector<Statement> statements(chunks.size());
  std::vector<Status> errors(chunks.size());
  auto work = [&](std::size_t first, std::size_t step) {
    for (std::size_t i = first; i < chunks.size(); i += step) {
      errors[i] = ParseChunk(*source, text, chunks[i], &statements[i]);
    }
  };
  // libpg_query keeps its memory contexts per thread, so statements parse in parallel.
  std::size_t threads = chunks.size() >= 256 ? std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4) : 1;
  if (threads > 1) {
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work, t, threads);
    for (auto& th : pool) th.join();
  } else {
    work(0, 1);
  }
  for (const auto& status : errors) {
    if (!status.ok()) return status;  // the first error in file order
  }
  for (auto& st : statements) {
    if (!st.location.file.empty()) file.statements.push_back(std::move(st));
  }
  return file;
}

Result<ParsedFile> ParseFile(const std::string& path) {
  auto text = SourceText::ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseSource(std::make_shared<const SourceText>(std::move(text).value()));
}

Result<ParsedFile> ParseString(std::string name, std::string content) {
  return ParseSource(std::make_shared<const SourceText>(std::move(name), std::move(content)));
}

Result<pg_query::Node> ParseOne(std::string_view text) {
  auto parsed = ParseString("<expression>", std::string(text));
  if (!parsed.ok()) return parsed.status();
  if (parsed->statements.size() != 1) {
    return Status::InvalidInput(fmt::format("expected exactly one statement, found {}", parsed->statements.size()));
  }
  return std::move(parsed->statements.front().node);
}

Result<std::string> Fingerprint(std::string_view text) {
  std::string copy(text);
  Owned<PgQueryFingerprintResult, pg_query_free_fingerprint_result> fp(pg_query_fingerprint(copy.c_str()));
  if (fp.r.error) return Status::InvalidInput(fp.r.error->message);
  return std::string(fp.r.fingerprint_str);
}

Result<std::string> Normalize(std::string_view text) {
  std::string copy(text);
  Owned<PgQueryNormalizeResult, pg_query_free_normalize_result> norm(pg_query_normalize(copy.c_str()));
  if (norm.r.error) return Status::InvalidInput(norm.r.error->message);
  return std::string(norm.r.normalized_query);
}

namespace {
int ParseTreeVersion() {
  static const int version = [] {
    Owned<PgQueryProtobufParseResult, pg_query_free_protobuf_parse_result> parsed(pg_query_parse_protobuf("SELECT 1"));
    pg_query::ParseResult tree;
    tree.ParseFromArray(parsed.r.parse_tree.data, static_cast<int>(parsed.r.parse_tree.len));
    return tree.version();
  }();
  return version;
}
}  // namespace

Result<std::string> Deparse(const pg_query::Node& statement) {
  if (const DeparseCache* cache = CurrentDeparseCache()) {
    if (const std::string* text = cache->Find(statement, true)) return *text;
  }
  pg_query::ParseResult tree;
  tree.set_version(ParseTreeVersion());
  *tree.add_stmts()->mutable_stmt() = statement;
  std::string bytes = tree.SerializeAsString();
  PgQueryProtobuf buf{bytes.size(), bytes.data()};
  Owned<PgQueryDeparseResult, pg_query_free_deparse_result> out(pg_query_deparse_protobuf(buf));
  if (out.r.error) return Status::Internal(fmt::format("deparse failed: {}", out.r.error->message));
  return std::string(out.r.query);
}

std::string DeparseExpr(const pg_query::Node& expr) {
  if (expr.node_case() == pg_query::Node::NODE_NOT_SET) return "";
  if (const DeparseCache* cache = CurrentDeparseCache()) {
    if (const std::string* text = cache->Find(expr, false)) return *text;
  }
  pg_query::Node select;
  auto* target = select.mutable_select_stmt()->add_target_list()->mutable_res_target();
  *target->mutable_val() = expr;
  auto text = Deparse(select);
  if (!text.ok()) return "";
  std::string s = std::move(text).value();
  if (s.rfind("SELECT ", 0) == 0) s.erase(0, 7);
  return s;
}

}  // namespace dbarch::sql
