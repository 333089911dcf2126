// Ruby: '…', "…" and %Q(…)/%(…) with #{…} interpolation, %q(…), %w[…], heredocs (<<~SQL, <<-SQL, <<SQL,
// <<~'SQL' without interpolation), regex literals, # comments and =begin/=end blocks.
#include <algorithm>
#include <cctype>

#include "analyzers/security/code_scan/lexer.h"

namespace dbarch::analyzers::security::code_scan {
namespace {

bool IsRubyWordChar(char c) { return IsIdentifierChar(c); }

bool ValueExpectedAfter(const std::vector<Token>& tokens) {
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
    if (it->kind == TokenKind::kNewline) return true;
    if (it->kind == TokenKind::kString || it->kind == TokenKind::kNumber) return false;
    if (it->kind == TokenKind::kIdentifier) {
      static const char* kKeywords[] = {"if", "unless", "when", "return", "and", "or", "not", "then", "puts", "while", "until", "elsif"};
      return std::any_of(std::begin(kKeywords), std::end(kKeywords), [&](const char* k) { return it->text == k; });
    }
    return it->text != ")" && it->text != "]" && it->text != "}";
  }
  return true;
}

char ClosingDelimiter(char open) {
  switch (open) {
    case '(': return ')';
    case '[': return ']';
    case '{': return '}';
    case '<': return '>';
    default: return open;
  }
}

// Reads a string body from `i` up to the unescaped `close` (nesting `open` when it differs); `#{…}` is
// interpolated when `interpolate`. Returns the position after the closing delimiter.
std::size_t ReadBody(std::string_view s, std::size_t i, char open, char close, bool interpolate, bool escapes,
                     StringLiteral* literal) {
  std::string text;
  int depth = 1;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      if (escapes) {
        i += 1 + AppendEscape(s, i + 1, &text);
      } else {
        if (s[i + 1] != close && s[i + 1] != '\\') text += c;
        text += s[i + 1];
        i += 2;
      }
      continue;
    }
    if (interpolate && c == '#' && i + 1 < s.size() && s[i + 1] == '{') {
      std::size_t end = std::min(FindClosingBrace(s, i + 2), s.size());
      if (!text.empty()) literal->parts.push_back({false, std::move(text)});
      text.clear();
      std::string expression(s.substr(i + 2, end - i - 2));
      std::size_t b = expression.find_first_not_of(" \t\n"), e = expression.find_last_not_of(" \t\n");
      literal->parts.push_back({true, b == std::string::npos ? "" : expression.substr(b, e - b + 1)});
      i = std::min(end + 1, s.size());
      continue;
    }
    if (open != close && c == open) ++depth;
    if (c == close && --depth == 0) {
      ++i;
      break;
    }
    text += c;
    ++i;
  }
  if (!text.empty()) literal->parts.push_back({false, std::move(text)});
  return std::min(i, s.size());
}

}  // namespace

TokenStream LexRuby(std::string_view s) {
  TokenStream out;
  std::size_t i = 0;
  // Heredoc bodies start on the line after their marker; the lexer jumps over them when it reaches that line.
  std::size_t heredoc_line_end = std::string_view::npos, heredoc_resume = std::string_view::npos;
  auto push = [&out](TokenKind kind, std::size_t b, std::size_t e, std::string text) {
    PushToken(&out, kind, b, e, std::move(text));
  };
  auto push_string = [&out](std::size_t b, std::size_t e, StringLiteral literal) {
    PushString(&out, b, e, std::move(literal));
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      push(TokenKind::kNewline, i, i + 1, "\n");
      if (i == heredoc_line_end) {
        i = heredoc_resume;
        heredoc_line_end = heredoc_resume = std::string_view::npos;
      } else {
        ++i;
      }
      if (s.substr(i, 6) == "=begin") {
        std::size_t end = s.find("\n=end", i);
        i = end == std::string_view::npos ? s.size() : end + 5;
      }
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    const std::size_t start = i;
    // Heredoc: <<~ID, <<-ID, <<ID (upper-case), <<~'ID' (no interpolation), <<~"ID".
    if (s.substr(i, 2) == "<<" && i + 2 < s.size() &&
        (s[i + 2] == '~' || s[i + 2] == '-' || s[i + 2] == '\'' || s[i + 2] == '"' ||
         std::isupper(static_cast<unsigned char>(s[i + 2])))) {
      std::size_t j = i + 2;
      if (s[j] == '~' || s[j] == '-') ++j;
      bool interpolate = true;
      char quote = 0;
      if (j < s.size() && (s[j] == '\'' || s[j] == '"')) {
        quote = s[j];
        interpolate = quote == '"';
        ++j;
      }
      std::size_t id_start = j;
      while (j < s.size() && IsRubyWordChar(s[j])) ++j;
      std::string id(s.substr(id_start, j - id_start));
      if (quote != 0 && j < s.size() && s[j] == quote) ++j;
      if (!id.empty() && (quote != 0 || std::all_of(id.begin(), id.end(), [](char ch) { return std::isupper(static_cast<unsigned char>(ch)) || ch == '_' || std::isdigit(static_cast<unsigned char>(ch)); }))) {
        // A second heredoc on the same line starts after the first one's terminator line.
        std::size_t body_start = heredoc_resume != std::string_view::npos ? heredoc_resume : s.find('\n', j);
        body_start = body_start == std::string_view::npos ? s.size() : std::min(body_start + 1, s.size());
        // The body ends at a line holding only the identifier (indented for <<~ and <<-).
        std::size_t line = body_start, body_end = s.size(), resume = s.size();
        while (line < s.size()) {
          std::size_t eol = s.find('\n', line);
          std::string_view content = s.substr(line, (eol == std::string_view::npos ? s.size() : eol) - line);
          std::size_t b = content.find_first_not_of(" \t");
          std::size_t e = content.find_last_not_of(" \t\r");
          if (b != std::string_view::npos && content.substr(b, e - b + 1) == id) {
            body_end = line;
            resume = eol == std::string_view::npos ? s.size() : eol;  // the terminator line's newline
            break;
          }
          if (eol == std::string_view::npos) break;
          line = eol + 1;
        }
        StringLiteral literal;
        literal.kind = "string interpolation";
        ReadBody(s.substr(0, body_end), body_start, '\0', '\0', interpolate, interpolate, &literal);
        push_string(start, j, std::move(literal));
        if (heredoc_line_end == std::string_view::npos) {
          std::size_t eol = s.find('\n', j);
          heredoc_line_end = eol == std::string_view::npos ? s.size() : eol;
        }
        heredoc_resume = resume;
        i = j;
        continue;
      }
    }
    if (c == '%' && i + 1 < s.size() && ValueExpectedAfter(out.tokens)) {
      std::size_t j = i + 1;
      char type = 'Q';
      if (std::string_view("qQwWiIr").find(s[j]) != std::string_view::npos && j + 1 < s.size() &&
          !std::isalnum(static_cast<unsigned char>(s[j + 1])) && !std::isspace(static_cast<unsigned char>(s[j + 1]))) {
        type = s[j];
        ++j;
      }
      if (j < s.size() && !std::isalnum(static_cast<unsigned char>(s[j])) && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != '=') {
        StringLiteral literal;
        literal.kind = "string interpolation";
        const bool interpolate = type == 'Q' || type == 'W' || type == 'I' || type == 'r';
        i = ReadBody(s, j + 1, s[j], ClosingDelimiter(s[j]), interpolate, interpolate, &literal);
        if (type == 'Q' || type == 'q') {
          push_string(start, i, std::move(literal));
        } else {
          push(TokenKind::kPunct, start, i, "literal");  // word/symbol arrays and regexes are not SQL text
        }
        continue;
      }
    }
    if (c == '/' && ValueExpectedAfter(out.tokens)) {
      StringLiteral ignored;
      i = ReadBody(s, i + 1, '/', '/', true, true, &ignored);
      while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
      push(TokenKind::kPunct, start, i, "regex");
      continue;
    }
    if (c == '"' || c == '\'' || c == '`') {
      StringLiteral literal;
      literal.kind = "string interpolation";
      const bool interpolate = c != '\'';
      i = ReadBody(s, i + 1, c, c, interpolate, interpolate, &literal);
      if (c == '`') {
        push(TokenKind::kPunct, start, i, "command");
      } else {
        push_string(start, i, std::move(literal));
      }
      continue;
    }
    if (c == ':' && i + 1 < s.size() && IsIdentifierStart(s[i + 1])) {  // :symbol
      std::size_t j = i + 1;
      while (j < s.size() && IsRubyWordChar(s[j])) ++j;
      push(TokenKind::kNumber, i, j, std::string(s.substr(i, j - i)));
      i = j;
      continue;
    }
    if (IsIdentifierStart(c) || c == '@' || c == '$') {
      std::size_t j = i + 1;
      while (j < s.size() && (IsRubyWordChar(s[j]) || s[j] == '@')) ++j;
      if (j < s.size() && (s[j] == '?' || s[j] == '!') && (j + 1 >= s.size() || s[j + 1] != '=')) ++j;
      push(TokenKind::kIdentifier, i, j, std::string(s.substr(i, j - i)));
      i = j;
      continue;
    }
    i = LexNumberOrPunct(s, i, &out);
  }
  return out;
}

}  // namespace dbarch::analyzers::security::code_scan
