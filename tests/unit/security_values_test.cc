// Personal data recognized by sampled values (with a live server): e-mail addresses, phone numbers, IBANs
// with a valid check, card numbers with a valid Luhn digit — and not text that merely resembles them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analyzers/security.h"

namespace dbarch {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

model::Catalog ContactsCatalog() {
  model::Catalog catalog;
  model::Table table;
  table.name = {"public", "contacts"};
  for (const char* c : {"id", "reach", "payout", "wallet", "note", "bogus_iban"}) {
    model::Column column;
    column.name = c;
    column.type.name = "text";
    table.columns.push_back(column);
  }
  catalog.tables[table.name] = table;
  return catalog;
}

std::vector<std::string> Repeat(std::vector<std::string> values, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(values[i % values.size()]);
  return out;
}

TEST(SecurityValues, RecognizesPersonalDataByContent) {
  model::SecuritySnapshot live;
  live.column_samples["public.contacts.reach"] = Repeat({"ada@example.com", "grace@navy.mil", "alan@bletchley.uk"}, 10);
  live.column_samples["public.contacts.payout"] = Repeat({"DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432"}, 6);
  live.column_samples["public.contacts.wallet"] = Repeat({"4111 1111 1111 1111", "5555-5555-5555-4444"}, 8);
  live.column_samples["public.contacts.note"] = Repeat({"call back on monday", "prefers e-mail"}, 10);
  live.column_samples["public.contacts.bogus_iban"] = Repeat({"DE00370400440532013000"}, 6);  // checksum wrong
  auto findings = analyzers::AuditSecurity(ContactsCatalog(), &live);
  const Finding* pii = nullptr;
  for (const auto& f : findings) {
    if (f.rule_id == "security/personal-data-column") pii = &f;
  }
  ASSERT_NE(pii, nullptr);
  EXPECT_THAT(pii->message, HasSubstr("reach (email address, by content: 10 of 10 sampled values)"));
  EXPECT_THAT(pii->message, HasSubstr("payout (bank or card number"));
  EXPECT_THAT(pii->message, HasSubstr("wallet (bank or card number"));
  EXPECT_THAT(pii->message, Not(HasSubstr("note")));
  EXPECT_THAT(pii->message, Not(HasSubstr("bogus_iban")));
  // The masking view masks what content gave away too; no sampled value appears in the finding.
  EXPECT_THAT(pii->fix_sql, HasSubstr("left(md5(reach), 12) || '@example.invalid' AS reach"));
  for (const auto& text : {pii->message, pii->fix_sql, pii->explanation}) EXPECT_THAT(text, Not(HasSubstr("ada@")));
}

TEST(SecurityValues, TooFewOrMixedSamplesAreNotClassified) {
  model::SecuritySnapshot live;
  live.column_samples["public.contacts.reach"] = {"ada@example.com", "grace@navy.mil"};  // fewer than 5
  live.column_samples["public.contacts.note"] = Repeat({"ada@example.com", "n/a", "unknown"}, 10);  // a third match
  for (const auto& f : analyzers::AuditSecurity(ContactsCatalog(), &live)) {
    EXPECT_NE(f.rule_id, "security/personal-data-column") << f.message;
  }
}

}  // namespace
}  // namespace dbarch
