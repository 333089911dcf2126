// Personal data recognized by content: a column whose sampled values are mostly e-mail addresses, phone
// numbers, IBANs (with a valid mod-97 check) or card numbers (with a valid Luhn digit), whatever its name.
#include <algorithm>
#include <cctype>
#include <regex>

#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers::security {

namespace {

// A column is classified when at least this share of at least kMinSamples values match one kind.
constexpr double kMatchShare = 0.8;
constexpr size_t kMinSamples = 5;

std::string Digits(const std::string& value) {
  std::string digits;
  for (char c : value) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  return digits;
}

bool IsEmail(const std::string& v) {
  static const std::regex kEmail(R"(^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$)");
  return std::regex_match(v, kEmail);
}

bool IsPhone(const std::string& v) {
  static const std::regex kPhone(R"(^\+?[0-9][0-9 ().-]{5,}[0-9]$)");
  const size_t digits = Digits(v).size();
  return digits >= 7 && digits <= 15 && std::regex_match(v, kPhone);
}

bool IsIban(const std::string& value) {
  std::string v;
  for (char c : value) {
    if (c != ' ') v += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  static const std::regex kIban(R"(^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$)");
  if (!std::regex_match(v, kIban)) return false;
  const std::string moved = v.substr(4) + v.substr(0, 4);
  int remainder = 0;
  for (char c : moved) {
    const int n = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'A' + 10;
    remainder = (n >= 10 ? remainder * 100 + n : remainder * 10 + n) % 97;
  }
  return remainder == 1;
}

bool IsCardNumber(const std::string& v) {
  static const std::regex kCard(R"(^[0-9][0-9 -]{11,21}[0-9]$)");
  if (!std::regex_match(v, kCard)) return false;
  const std::string digits = Digits(v);
  if (digits.size() < 13 || digits.size() > 19) return false;
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

}  // namespace

std::string_view ClassifySampledValues(const std::vector<std::string>& samples, size_t* matched) {
  *matched = 0;
  if (samples.size() < kMinSamples) return {};
  const std::pair<std::string_view, bool (*)(const std::string&)> kinds[] = {
      {"email address", IsEmail}, {"bank or card number", IsIban}, {"bank or card number", IsCardNumber},
      {"phone number", IsPhone}};
  for (const auto& [kind, test] : kinds) {
    const size_t n = static_cast<size_t>(std::count_if(samples.begin(), samples.end(), test));
    if (static_cast<double>(n) >= kMatchShare * static_cast<double>(samples.size())) {
      *matched = n;
      return kind;
    }
  }
  return {};
}

}  // namespace dbarch::analyzers::security
