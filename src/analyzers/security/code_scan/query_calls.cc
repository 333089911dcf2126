// Query calls in a token stream: a known method name (on a receiver, or a known free function) followed
// by its arguments — in parentheses, or, in Ruby, to the end of the line.
#include <algorithm>

#include "analyzers/security/code_scan/scan_internal.h"

namespace dbarch::analyzers::security::code_scan {
namespace {

bool IsPunct(const Token& t, std::string_view text) { return t.kind == TokenKind::kPunct && t.text == text; }
bool IsMemberSeparator(const Token& t) {
  return t.kind == TokenKind::kPunct && (t.text == "." || t.text == "->" || t.text == "::" || t.text == "?.");
}

// The first token of the receiver expression ending just before `end` (exclusive): names joined by member
// separators, calls and subscripts (`self.conn.cursor()`, `$this->db`, `rows[0]`).
std::size_t ReceiverBegin(const std::vector<Token>& tokens, std::size_t end) {
  std::size_t k = end;
  while (k > 0) {
    const Token& t = tokens[k - 1];
    if (IsPunct(t, ")") || IsPunct(t, "]")) {
      const std::string open = t.text == ")" ? "(" : "[";
      int depth = 0;
      std::size_t j = k;
      while (j > 0) {
        --j;
        if (IsPunct(tokens[j], t.text)) ++depth;
        if (IsPunct(tokens[j], open) && --depth == 0) break;
      }
      if (depth != 0) return k;
      k = j;
      continue;
    }
    if (t.kind != TokenKind::kIdentifier) return k;
    --k;
    if (k > 0 && IsMemberSeparator(tokens[k - 1])) {
      --k;
      continue;
    }
    return k;
  }
  return k;
}

bool IsDefinitionKeyword(const Token& t) {
  return t.kind == TokenKind::kIdentifier &&
         (t.text == "def" || t.text == "function" || t.text == "func" || t.text == "fn" || t.text == "async");
}

}  // namespace

std::vector<QueryCall> FindQueryCalls(const TokenStream& stream, const StringEvaluator& evaluator, Language language) {
  const auto& tokens = stream.tokens;
  std::vector<QueryCall> calls;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::kIdentifier) continue;
    QueryCall call;
    call.name_token = i;
    call.method = tokens[i].text;
    call.first_token = i;
    if (i > 0 && IsMemberSeparator(tokens[i - 1])) {
      call.separator = tokens[i - 1].text;
      call.first_token = ReceiverBegin(tokens, i - 1);
      if (call.first_token == i - 1) continue;  // `.execute` without a receiver: a chained call on a new line
      call.receiver = evaluator.Text(call.first_token, i - 1);
    } else if (i > 0 && (IsDefinitionKeyword(tokens[i - 1]) ||
                         (language == Language::kJava && tokens[i - 1].kind == TokenKind::kIdentifier))) {
      continue;  // a definition of a function with that name
    }
    call.rules = FindQueryMethod(language, call.method, call.receiver);
    if (call.rules == nullptr) continue;
    if (IsPunct(tokens[i + 1], "(")) {
      const std::size_t close = evaluator.MatchingClose(i + 1);
      if (close >= tokens.size()) continue;
      if (call.receiver.empty() && close + 1 < tokens.size() && IsPunct(tokens[close + 1], "{")) continue;  // a method definition
      call.arguments = evaluator.SplitArguments(i + 2, close);
      call.end_token = close + 1;
    } else if (language == Language::kRuby &&
               (tokens[i + 1].kind == TokenKind::kString || tokens[i + 1].kind == TokenKind::kIdentifier)) {
      // conn.exec "SELECT …" — arguments to the end of the line.
      std::size_t end = i + 1;
      int depth = 0;
      for (; end < tokens.size(); ++end) {
        const Token& t = tokens[end];
        if (IsPunct(t, "(") || IsPunct(t, "[") || IsPunct(t, "{")) ++depth;
        if (IsPunct(t, ")") || IsPunct(t, "]") || IsPunct(t, "}")) --depth;
        if (depth < 0 || (depth == 0 && (t.kind == TokenKind::kNewline || IsPunct(t, ";")))) break;
        if (depth == 0 && t.kind == TokenKind::kIdentifier && (t.text == "do" || t.text == "if" || t.text == "unless")) break;
      }
      call.arguments = evaluator.SplitArguments(i + 1, end);
      call.end_token = end;
    } else {
      continue;
    }
    if (call.arguments.size() <= call.rules->sql_argument) {
      // pg_query($sql) and mysqli-style calls also come with the connection left out.
      if (call.rules->sql_argument == 0 || call.arguments.empty()) continue;
      if (language != Language::kPhp) continue;
    }
    calls.push_back(std::move(call));
  }
  return calls;
}

}  // namespace dbarch::analyzers::security::code_scan
