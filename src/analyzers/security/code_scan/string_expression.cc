// The string value of an expression: literals, interpolations, concatenation, printf- and brace-style
// formatting, and variables assigned earlier in the file (with their later appends).
#include <algorithm>
#include <cctype>
#include <map>

#include "common/text.h"
#include "analyzers/security/code_scan/scan_internal.h"

namespace dbarch::analyzers::security::code_scan {
namespace {

constexpr int kMaxDepth = 24;

bool IsOpen(const Token& t) { return t.kind == TokenKind::kPunct && (t.text == "(" || t.text == "[" || t.text == "{"); }
bool IsClose(const Token& t) { return t.kind == TokenKind::kPunct && (t.text == ")" || t.text == "]" || t.text == "}"); }
bool IsPunct(const Token& t, std::string_view text) { return t.kind == TokenKind::kPunct && t.text == text; }
bool IsMemberSeparator(const Token& t) {
  return t.kind == TokenKind::kPunct && (t.text == "." || t.text == "->" || t.text == "::" || t.text == "?.");
}

void Append(StringValue* to, std::vector<Piece> pieces) {
  for (auto& piece : pieces) {
    if (piece.kind == Piece::Kind::kLiteral && piece.text.empty() && !to->pieces.empty()) continue;
    if (piece.kind == Piece::Kind::kLiteral && !to->pieces.empty() && to->pieces.back().kind == Piece::Kind::kLiteral) {
      to->pieces.back().text += piece.text;
    } else {
      to->pieces.push_back(std::move(piece));
    }
  }
}

bool AllLiteral(const StringValue& value) {
  return std::all_of(value.pieces.begin(), value.pieces.end(),
                     [](const Piece& p) { return p.kind == Piece::Kind::kLiteral; });
}

std::string JoinLiterals(const StringValue& value) {
  std::string out;
  for (const auto& p : value.pieces) out += p.text;
  return out;
}

}  // namespace

bool IsConstantName(std::string_view expression) {
  std::size_t cut = expression.find_last_of(".:>");
  std::string_view last = cut == std::string_view::npos ? expression : expression.substr(cut + 1);
  if (!last.empty() && last.front() == '$') last.remove_prefix(1);
  if (last.size() < 2 || !std::isupper(static_cast<unsigned char>(last.front()))) return false;
  return std::all_of(last.begin(), last.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool LooksLikeSql(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false;
  for (char c : text) {
    if (c == '\'') quoted = !quoted;
    if (!quoted && (std::isalpha(static_cast<unsigned char>(c)) || c == '_')) {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  if (words.empty()) return false;
  static const char* kStatements[] = {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "MERGE", "CREATE", "ALTER",
                                      "DROP", "TRUNCATE", "GRANT", "REVOKE", "COPY", "CALL", "EXPLAIN", "UPSERT", "REPLACE"};
  const std::string& first = words.front();
  if (std::any_of(std::begin(kStatements), std::end(kStatements), [&](const char* k) { return first == k; })) return true;
  return std::any_of(words.begin(), words.end(), [](const std::string& w) { return w == "FROM" || w == "WHERE" || w == "VALUES"; });
}

std::string StringEvaluator::Text(std::size_t begin, std::size_t end) const {
  const auto& tokens = stream_.tokens;
  end = std::min(end, tokens.size());
  if (begin >= end) return "";
  return CollapseWhitespace(source_.substr(tokens[begin].begin, tokens[end - 1].end - tokens[begin].begin));
}

std::size_t StringEvaluator::MatchingClose(std::size_t open) const {
  const auto& tokens = stream_.tokens;
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (IsOpen(tokens[i])) ++depth;
    if (IsClose(tokens[i]) && --depth == 0) return i;
  }
  return tokens.size();
}

std::vector<std::pair<std::size_t, std::size_t>> StringEvaluator::SplitArguments(std::size_t begin, std::size_t end) const {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const auto& tokens = stream_.tokens;
  end = std::min(end, tokens.size());
  int depth = 0;
  std::size_t start = begin;
  for (std::size_t i = begin; i < end; ++i) {
    if (IsOpen(tokens[i])) ++depth;
    if (IsClose(tokens[i])) --depth;
    if (depth == 0 && IsPunct(tokens[i], ",")) {
      out.emplace_back(start, i);
      start = i + 1;
    }
  }
  bool trailing_empty = true;
  for (std::size_t i = start; i < end; ++i) trailing_empty = trailing_empty && tokens[i].kind == TokenKind::kNewline;
  if (!trailing_empty) out.emplace_back(start, end);
  return out;
}

std::size_t StringEvaluator::ExpressionEnd(std::size_t begin) const {
  const auto& tokens = stream_.tokens;
  static const char* kContinuing[] = {"+", ".", "%", ",", "=", "(", "[", "{", "||", "&&", "<<", "?", ":", "+=", ".=", "*", "-", "=>", "::", "->"};
  int depth = 0;
  for (std::size_t i = begin; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (IsOpen(t)) ++depth;
    if (IsClose(t)) {
      if (depth == 0) return i;
      --depth;
    }
    if (depth != 0) continue;
    if (IsPunct(t, ";") || IsPunct(t, ",")) return i;
    if (t.kind != TokenKind::kNewline || !rules_.statement_ends_at_newline) continue;
    std::size_t prev = i;
    while (prev > begin && tokens[prev - 1].kind == TokenKind::kNewline) --prev;
    if (prev == begin) continue;  // nothing yet: the value is on the next line
    const Token& before = tokens[prev - 1];
    if (before.kind == TokenKind::kPunct &&
        std::any_of(std::begin(kContinuing), std::end(kContinuing), [&](const char* op) { return before.text == op; })) {
      continue;
    }
    if (rules_.language != Language::kPython && rules_.language != Language::kGo) {
      std::size_t next = i;
      while (next < tokens.size() && tokens[next].kind == TokenKind::kNewline) ++next;
      if (next < tokens.size() && tokens[next].kind == TokenKind::kPunct &&
          (tokens[next].text == "+" || tokens[next].text == "." || tokens[next].text == "?." ||
           tokens[next].text == "||" || tokens[next].text == "&&")) {
        i = next - 1;
        continue;
      }
    }
    return i;
  }
  return tokens.size();
}

std::optional<StringValue> StringEvaluator::LiteralsOf(std::size_t begin, std::size_t end) const {
  StringValue value;
  for (std::size_t i = begin; i < end; ++i) {
    const Token& t = stream_.tokens[i];
    if (t.kind == TokenKind::kNewline) continue;
    const StringLiteral& literal = stream_.strings[static_cast<std::size_t>(t.string_index)];
    if (literal.tagged) return std::nullopt;
    for (const auto& part : literal.parts) {
      if (!part.expression) {
        Append(&value, {Piece{Piece::Kind::kLiteral, part.text, ""}});
      } else {
        Piece::Kind kind = IsConstantName(part.text) ? Piece::Kind::kConstant : Piece::Kind::kValue;
        Append(&value, {Piece{kind, part.text, literal.kind.empty() ? "string interpolation" : literal.kind}});
      }
    }
  }
  if (value.pieces.empty()) value.pieces.push_back(Piece{Piece::Kind::kLiteral, "", ""});
  return value;
}

Piece StringEvaluator::ArgumentPiece(std::size_t begin, std::size_t end, const std::string& construction, int depth) const {
  const auto& tokens = stream_.tokens;
  while (begin < end && tokens[begin].kind == TokenKind::kNewline) ++begin;
  while (end > begin && tokens[end - 1].kind == TokenKind::kNewline) --end;
  std::string text = Text(begin, end);
  if (end == begin + 1 && tokens[begin].kind == TokenKind::kNumber) return Piece{Piece::Kind::kConstant, text, construction};
  if (IsConstantName(text)) return Piece{Piece::Kind::kConstant, text, construction};
  // A conversion of a constant — str(LIMIT), strconv.Itoa(MAX_ROWS), String.valueOf(PAGE_SIZE) — is one too.
  if (end - begin >= 4 && IsPunct(tokens[end - 1], ")") && tokens[begin].kind == TokenKind::kIdentifier) {
    std::size_t open = begin + 1;
    while (open < end && !IsPunct(tokens[open], "(")) ++open;
    if (open + 1 < end - 1 && MatchingClose(open) == end - 1 && SplitArguments(open + 1, end - 1).size() == 1) {
      Piece inner = ArgumentPiece(open + 1, end - 1, construction, depth + 1);
      if (inner.kind == Piece::Kind::kConstant) return Piece{Piece::Kind::kConstant, text, construction};
    }
  }
  if (auto value = EvaluateOperand(begin, end, depth + 1); value && AllLiteral(*value)) {
    return Piece{Piece::Kind::kLiteral, JoinLiterals(*value), ""};
  }
  return Piece{Piece::Kind::kValue, text, construction};
}

std::optional<StringValue> StringEvaluator::Evaluate(std::size_t begin, std::size_t end, int depth) const {
  const auto& tokens = stream_.tokens;
  end = std::min(end, tokens.size());
  while (begin < end && tokens[begin].kind == TokenKind::kNewline) ++begin;
  while (end > begin && tokens[end - 1].kind == TokenKind::kNewline) --end;
  if (begin >= end || depth > kMaxDepth) return std::nullopt;
  std::vector<std::pair<std::size_t, std::size_t>> operands;
  int nesting = 0;
  std::size_t start = begin;
  for (std::size_t i = begin; i < end; ++i) {
    if (IsOpen(tokens[i])) ++nesting;
    if (IsClose(tokens[i])) --nesting;
    if (nesting == 0 && i > start && IsPunct(tokens[i], rules_.concat_operator)) {
      operands.emplace_back(start, i);
      start = i + 1;
    }
  }
  operands.emplace_back(start, end);
  StringValue result;
  bool any_string = false;
  for (const auto& [b, e] : operands) {
    if (auto value = EvaluateOperand(b, e, depth + 1)) {
      any_string = true;
      if (operands.size() == 1) result.via_variable = value->via_variable;
      Append(&result, std::move(value->pieces));
    } else {
      Append(&result, {ArgumentPiece(b, e, "concatenation", depth)});
    }
  }
  if (!any_string) return std::nullopt;
  return result;
}

std::optional<StringValue> StringEvaluator::EvaluateOperand(std::size_t begin, std::size_t end, int depth) const {
  const auto& tokens = stream_.tokens;
  while (begin < end && tokens[begin].kind == TokenKind::kNewline) ++begin;
  while (end > begin && tokens[end - 1].kind == TokenKind::kNewline) --end;
  if (begin >= end || depth > kMaxDepth) return std::nullopt;
  const Language language = rules_.language;
  // ( … )
  if (IsPunct(tokens[begin], "(") && MatchingClose(begin) == end - 1) return Evaluate(begin + 1, end - 1, depth + 1);
  // Python/Ruby `format % args`: the operator binds tighter than +, so it is found inside the operand.
  if (language == Language::kPython || language == Language::kRuby) {
    int nesting = 0;
    for (std::size_t i = begin; i < end; ++i) {
      if (IsOpen(tokens[i])) ++nesting;
      if (IsClose(tokens[i])) --nesting;
      if (nesting == 0 && i > begin && IsPunct(tokens[i], "%")) {
        auto format = EvaluateOperand(begin, i, depth + 1);
        if (!format) return std::nullopt;
        std::size_t a = i + 1;
        while (a < end && tokens[a].kind == TokenKind::kNewline) ++a;
        if (a < end && (IsPunct(tokens[a], "(") || IsPunct(tokens[a], "[") || IsPunct(tokens[a], "{")) && MatchingClose(a) == end - 1) {
          return ApplyFormat(std::move(*format), a, end, "% formatting", false, depth);
        }
        return ApplyFormat(std::move(*format), a, end, "% formatting", true, depth);
      }
    }
  }
  // `….format(…)` (Python), `….formatted(…)` (Java): the format is everything before the last `.format`.
  if (IsPunct(tokens[end - 1], ")") && end - begin >= 4) {
    std::size_t open = end - 1;
    int nesting = 0;
    for (std::size_t i = end; i-- > begin;) {
      if (IsClose(tokens[i])) ++nesting;
      if (IsOpen(tokens[i]) && --nesting == 0) {
        open = i;
        break;
      }
    }
    if (open > begin + 1 && tokens[open - 1].kind == TokenKind::kIdentifier && IsPunct(tokens[open - 2], ".")) {
      const std::string& method = tokens[open - 1].text;
      if ((language == Language::kPython && method == "format") || (language == Language::kJava && method == "formatted")) {
        auto format = EvaluateOperand(begin, open - 2, depth + 1);
        if (!format) return std::nullopt;
        return ApplyFormat(std::move(*format), open, end, method == "format" ? ".format()" : "formatted()", false, depth);
      }
    }
    // Formatting functions: fmt.Sprintf, String.format, sprintf, format, util.format.
    const std::string callee = Text(begin, open);
    static const std::map<std::string, std::string> kFormatters = {
        {"fmt.Sprintf", "fmt.Sprintf"}, {"String.format", "String.format"}, {"sprintf", "sprintf"},
        {"vsprintf", "sprintf"},        {"format", "format()"},             {"Kernel.format", "format()"},
        {"util.format", "util.format"}, {"Kernel.sprintf", "sprintf"},      {"\\sprintf", "sprintf"}};
    if (callee == "textwrap.dedent" || callee == "dedent" || callee == "inspect.cleandoc") {
      return Evaluate(open + 1, end - 1, depth + 1);
    }
    if (auto it = kFormatters.find(callee); it != kFormatters.end()) {
      auto args = SplitArguments(open + 1, end - 1);
      if (args.empty()) return std::nullopt;
      auto format = Evaluate(args[0].first, args[0].second, depth + 1);
      if (!format) return std::nullopt;
      // The remaining arguments, as a parenthesized list starting after the format argument's comma.
      std::size_t rest_begin = args.size() > 1 ? args[1].first - 1 : end - 1;
      return ApplyFormat(std::move(*format), rest_begin, end, it->second, false, depth);
    }
  }
  // String literals (adjacent ones concatenate), possibly followed by a string method call (.strip(), .trim()).
  std::size_t k = begin;
  while (k < end && (tokens[k].kind == TokenKind::kString || (k > begin && tokens[k].kind == TokenKind::kNewline))) ++k;
  if (k > begin) {
    auto literal = LiteralsOf(begin, k);
    if (!literal) return std::nullopt;
    if (k == end) return literal;
    // Methods that only reshape the text keep it the same SQL: "…".strip(), `…`.trim(), <<~SQL.squish.
    static const char* kReshaping[] = {"strip", "lstrip", "rstrip", "trim", "trimStart", "trimEnd", "squish",
                                       "strip_heredoc", "stripIndent", "trimIndent", "lower", "upper", "chomp"};
    if (k + 1 < end && IsPunct(tokens[k], ".") && tokens[k + 1].kind == TokenKind::kIdentifier &&
        std::any_of(std::begin(kReshaping), std::end(kReshaping), [&](const char* m) { return tokens[k + 1].text == m; })) {
      return literal;
    }
    return std::nullopt;
  }
  // A name: a variable assigned earlier.
  bool is_name = tokens[begin].kind == TokenKind::kIdentifier;
  for (std::size_t i = begin + 1; is_name && i < end; ++i) {
    const bool want_separator = (i - begin) % 2 == 1;
    is_name = want_separator ? IsMemberSeparator(tokens[i]) : tokens[i].kind == TokenKind::kIdentifier;
  }
  if (is_name && (end - begin) % 2 == 1) return EvaluateVariable(begin, end, depth);
  return std::nullopt;
}

std::optional<StringValue> StringEvaluator::EvaluateVariable(std::size_t begin, std::size_t end, int depth) const {
  const auto& tokens = stream_.tokens;
  const std::size_t length = end - begin;
  auto matches_at = [&](std::size_t k) {
    if (k + length >= tokens.size()) return false;
    for (std::size_t j = 0; j < length; ++j) {
      if (tokens[k + j].kind != tokens[begin + j].kind || tokens[k + j].text != tokens[begin + j].text) return false;
    }
    return true;
  };
  // An assignment starts a statement: after a line break, `;`, a brace, or a declaration keyword/type.
  auto starts_statement = [&](std::size_t k) {
    if (k == 0) return true;
    const Token& before = tokens[k - 1];
    if (before.kind == TokenKind::kNewline || before.kind == TokenKind::kIdentifier) return true;
    return IsPunct(before, ";") || IsPunct(before, "{") || IsPunct(before, "}") || IsPunct(before, ">") ||
           IsPunct(before, "]");
  };
  auto assignment_operator = [&](std::size_t k) -> std::size_t {  // index of = / := after the name, or 0
    std::size_t op = k + length;
    // Type annotations: `sql: str = …` (Python, TypeScript), `var sql string = …` (Go).
    const bool annotated = op < tokens.size() && IsPunct(tokens[op], ":") &&
                           (rules_.language == Language::kPython || rules_.language == Language::kJavaScript);
    const bool go_var = rules_.language == Language::kGo && k > 0 && tokens[k - 1].text == "var";
    if (annotated || go_var) {
      while (op < tokens.size() && !IsPunct(tokens[op], "=") && tokens[op].kind != TokenKind::kNewline) ++op;
    }
    if (op < tokens.size() && (IsPunct(tokens[op], "=") || IsPunct(tokens[op], ":="))) return op;
    return 0;
  };
  for (std::size_t k = begin; k-- > 0;) {
    if (!matches_at(k) || !starts_statement(k)) continue;
    std::size_t op = assignment_operator(k);
    if (op == 0) continue;
    const std::size_t rhs_end = ExpressionEnd(op + 1);
    if (rhs_end > begin) continue;  // the use is inside its own assignment
    auto value = Evaluate(op + 1, rhs_end, depth + 1);
    if (!value) return std::nullopt;
    // Later appends before the use: sql += " AND …", $sql .= "…", sql << "…".
    for (std::size_t j = rhs_end; j < begin; ++j) {
      if (!matches_at(j) || !starts_statement(j)) continue;
      const Token& append = tokens[j + length];
      if (!(IsPunct(append, rules_.append_operator) || (rules_.language == Language::kRuby && IsPunct(append, "<<")))) continue;
      const std::size_t append_end = ExpressionEnd(j + length + 1);
      if (append_end > begin) break;
      if (auto more = Evaluate(j + length + 1, append_end, depth + 1)) {
        Append(&*value, std::move(more->pieces));
      } else {
        Append(&*value, {ArgumentPiece(j + length + 1, append_end, "concatenation", depth)});
      }
      j = append_end;
    }
    value->via_variable = Text(begin, end);
    return value;
  }
  return std::nullopt;
}

std::optional<StringValue> StringEvaluator::ApplyFormat(StringValue format, std::size_t args_begin, std::size_t args_end,
                                                        const std::string& construction, bool single_argument,
                                                        int depth) const {
  const auto& tokens = stream_.tokens;
  // Positional and named arguments: `% x`, `% (a, b)`, `% [a, b]`, `% {"k": v}`, `.format(a, k=v)`, (…, a, b).
  std::vector<std::pair<std::size_t, std::size_t>> positional;
  std::map<std::string, std::pair<std::size_t, std::size_t>> named;
  if (single_argument) {
    positional.emplace_back(args_begin, args_end);
  } else {
    const bool dict = IsPunct(tokens[args_begin], "{");
    for (auto [b, e] : SplitArguments(args_begin + 1, args_end - 1)) {
      while (b < e && tokens[b].kind == TokenKind::kNewline) ++b;
      if (b + 2 <= e && (IsPunct(tokens[b + 1], "=") || (dict && IsPunct(tokens[b + 1], ":")))) {
        std::string key = tokens[b].kind == TokenKind::kString ? JoinLiterals(*LiteralsOf(b, b + 1)) : tokens[b].text;
        if (tokens[b].kind == TokenKind::kString && stream_.strings[static_cast<std::size_t>(tokens[b].string_index)].tagged) continue;
        named[key] = {b + 2, e};
      } else {
        positional.emplace_back(b, e);
      }
    }
  }
  std::size_t next_positional = 0;
  auto argument = [&](std::optional<std::size_t> index, const std::string& name) -> Piece {
    if (!name.empty()) {
      if (auto it = named.find(name); it != named.end()) return ArgumentPiece(it->second.first, it->second.second, construction, depth);
      return Piece{Piece::Kind::kValue, name, construction};
    }
    std::size_t i = index.value_or(next_positional++);
    if (i < positional.size()) return ArgumentPiece(positional[i].first, positional[i].second, construction, depth);
    return Piece{Piece::Kind::kValue, "argument " + std::to_string(i + 1), construction};
  };
  const bool braces = construction == ".format()";
  StringValue out;
  out.via_variable = format.via_variable;
  for (const Piece& piece : format.pieces) {
    if (piece.kind != Piece::Kind::kLiteral) {
      Append(&out, {piece});
      continue;
    }
    const std::string& s = piece.text;
    std::string text;
    for (std::size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (braces) {
        if ((c == '{' || c == '}') && i + 1 < s.size() && s[i + 1] == c) {
          text += c;
          ++i;
          continue;
        }
        if (c != '{') {
          text += c;
          continue;
        }
        std::size_t close = s.find('}', i);
        if (close == std::string::npos) {
          text += s.substr(i);
          break;
        }
        std::string field = s.substr(i + 1, close - i - 1);
        field = field.substr(0, field.find_first_of("!:.["));
        Append(&out, {Piece{Piece::Kind::kLiteral, text, ""}});
        text.clear();
        if (field.empty()) {
          Append(&out, {argument(std::nullopt, "")});
        } else if (std::all_of(field.begin(), field.end(), [](char d) { return std::isdigit(static_cast<unsigned char>(d)); })) {
          Append(&out, {argument(static_cast<std::size_t>(std::stoul(field.substr(0, 6))), "")});
        } else {
          Append(&out, {argument(std::nullopt, field)});
        }
        i = close;
        continue;
      }
      if (c != '%' || i + 1 >= s.size()) {
        text += c;
        continue;
      }
      if (s[i + 1] == '%') {
        text += '%';
        ++i;
        continue;
      }
      // %[flags][width][.precision]verb, with %(name)s (Python), %1$s (Java/PHP), %[1]d (Go).
      std::size_t j = i + 1;
      std::string name;
      std::optional<std::size_t> index;
      if (s[j] == '(') {
        std::size_t close = s.find(')', j);
        if (close == std::string::npos) { text += c; continue; }
        name = s.substr(j + 1, close - j - 1);
        j = close + 1;
      } else if (s[j] == '[') {
        std::size_t close = s.find(']', j);
        if (close != std::string::npos && close > j + 1 && close - j < 6) {
          index = static_cast<std::size_t>(std::max(1, std::atoi(s.substr(j + 1, close - j - 1).c_str())) - 1);
          j = close + 1;
        }
      } else {
        std::size_t d = j;
        while (d < s.size() && std::isdigit(static_cast<unsigned char>(s[d]))) ++d;
        if (d > j && d < s.size() && s[d] == '$' && d - j < 6) {
          index = static_cast<std::size_t>(std::max(1, std::atoi(s.substr(j, d - j).c_str())) - 1);
          j = d + 1;
        }
      }
      while (j < s.size() && std::string_view("-+ #0,'(").find(s[j]) != std::string_view::npos) ++j;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '*' || s[j] == '.')) ++j;
      while (j < s.size() && std::string_view("hlLqjzt").find(s[j]) != std::string_view::npos) ++j;
      if (j >= s.size() || !std::isalpha(static_cast<unsigned char>(s[j]))) {
        text += c;
        continue;
      }
      if (s[j] == 'n' && construction != "% formatting") {  // Java's %n
        text += '\n';
        i = j;
        continue;
      }
      Append(&out, {Piece{Piece::Kind::kLiteral, text, ""}});
      text.clear();
      Append(&out, {argument(index, name)});
      i = j;
    }
    Append(&out, {Piece{Piece::Kind::kLiteral, text, ""}});
  }
  return out;
}

}  // namespace dbarch::analyzers::security::code_scan
