// The security audit against a real server: conditions created on a scratch cluster are found (including
// what only the server knows: its pg_hba.conf trusts local connections, an MD5 password hash, PUBLIC CREATE
// on schema public), and the schema findings' fix SQL applied there makes them go away.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/security.h"
#include "scratch_fixture.h"
#include "sources/live/security_snapshot.h"
#include "verify/live_catalog.h"

namespace dbarch {
namespace {

class SecurityLiveTest : public testing::ScratchTest {
 protected:
  Findings Audit(verify::PgConnection& connection) {
    auto catalog = verify::ReadLiveCatalog(connection, {}, nullptr);
    EXPECT_TRUE(catalog.ok()) << catalog.status().ToString();
    auto snapshot = sources::ReadSecuritySnapshot(connection);
    EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    snapshot_ = *snapshot;
    return analyzers::AuditSecurity(*catalog, &snapshot_);
  }
  static const Finding* Find(const Findings& findings, const std::string& id, const std::string& object = "") {
    auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.rule_id == id && (object.empty() || f.object.find(object) != std::string::npos);
    });
    return it == findings.end() ? nullptr : &*it;
  }
  model::SecuritySnapshot snapshot_;
};

TEST_F(SecurityLiveTest, FindsRealConditionsAndTheirFixesApply) {
  auto db = FreshDatabase();
  ASSERT_TRUE(db.Execute(R"(
    CREATE ROLE sec_webapp LOGIN SUPERUSER;
    CREATE ROLE app_readwrite NOLOGIN;
    SET password_encryption = 'md5';
    CREATE ROLE sec_legacy LOGIN PASSWORD 'not-a-real-secret';
    RESET password_encryption;
    CREATE TABLE accounts (id bigint PRIMARY KEY, credit numeric NOT NULL DEFAULT 0);
    CREATE TABLE invoices (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, total numeric NOT NULL);
    CREATE TABLE salaries (employee_id bigint PRIMARY KEY, amount numeric NOT NULL);
    GRANT SELECT ON salaries TO PUBLIC;
    CREATE FUNCTION grant_credit(customer bigint, amount numeric) RETURNS void
      LANGUAGE sql SECURITY DEFINER AS $$ UPDATE accounts SET credit = credit + amount WHERE id = customer $$;
  )").ok());

  Findings findings = Audit(db);
  EXPECT_TRUE(snapshot_.hba_known);
  EXPECT_TRUE(snapshot_.passwords_known);
  // ScratchCluster's initdb trusts local connections: exactly what the check exists for.
  EXPECT_NE(Find(findings, "security/hba-trust"), nullptr);
  const Finding* md5 = Find(findings, "security/md5-passwords");
  ASSERT_NE(md5, nullptr);
  EXPECT_THAT(md5->message, ::testing::HasSubstr("sec_legacy"));
  EXPECT_NE(Find(findings, "security/privileged-role", "sec_webapp"), nullptr);
  EXPECT_NE(Find(findings, "security/audit-logging"), nullptr);
  EXPECT_EQ(Find(findings, "security/public-schema-create"), nullptr);  // revoked by default since PostgreSQL 15

  const std::vector<std::pair<std::string, std::string>> fixable = {
      {"security/security-definer-search-path", "grant_credit"},
      {"security/tenant-table-without-rls", "invoices"},
      {"security/public-grant", "salaries"},
  };
  for (const auto& [id, object] : fixable) {
    const Finding* f = Find(findings, id, object);
    ASSERT_NE(f, nullptr) << id;
    auto applied = db.Execute(f->fix_sql);
    EXPECT_TRUE(applied.ok()) << id << ": " << applied.ToString() << "\n" << f->fix_sql;
  }
  ASSERT_TRUE(db.Execute("GRANT CREATE ON SCHEMA public TO PUBLIC").ok());

  Findings after = Audit(db);
  for (const auto& [id, object] : fixable) EXPECT_EQ(Find(after, id, object), nullptr) << id << " still found";
  EXPECT_NE(Find(after, "security/public-schema-create"), nullptr);
  ASSERT_TRUE(db.Execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC; DROP ROLE sec_webapp; DROP ROLE sec_legacy").ok());
}

TEST_F(SecurityLiveTest, MaskingViewOfPersonalDataRunsAndMasks) {
  auto db = FreshDatabase();
  ASSERT_TRUE(db.Execute(R"(
    CREATE ROLE analyst NOLOGIN;
    CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, full_name text, phone text, birth_date date);
    INSERT INTO customers VALUES (1, 'ada@example.com', 'Ada Lovelace', '+44 20 7946 0958', '1815-12-10');
  )").ok());
  Findings findings = Audit(db);
  const Finding* pii = Find(findings, "security/personal-data-column", "customers");
  ASSERT_NE(pii, nullptr);
  ASSERT_TRUE(db.Execute(pii->fix_sql).ok()) << pii->fix_sql;
  auto masked = db.Query("SELECT email, full_name, phone, birth_date::text AS birth_date FROM customers_masked");
  ASSERT_TRUE(masked.ok()) << masked.status().ToString();
  ASSERT_EQ(masked->rows(), 1);
  EXPECT_THAT(masked->Get(0, "email"), ::testing::EndsWith("@example.invalid"));
  EXPECT_THAT(masked->Get(0, "full_name"), ::testing::StartsWith("person-"));
  EXPECT_EQ(masked->Get(0, "phone"), "+** ** **** **58");
  EXPECT_EQ(masked->Get(0, "birth_date"), "1815-01-01");
  ASSERT_TRUE(db.Execute("DROP VIEW customers_masked; DROP ROLE analyst").ok());
}

TEST_F(SecurityLiveTest, RecognizesPersonalDataBySampledValues) {
  auto db = FreshDatabase();
  ASSERT_TRUE(db.Execute(R"(
    CREATE TABLE leads (id bigint PRIMARY KEY, reach text, remark text);
    INSERT INTO leads SELECT g, 'lead' || g || '@example.com', 'met at booth ' || g FROM generate_series(1, 8) g;
  )").ok());
  Findings findings = Audit(db);
  EXPECT_EQ(snapshot_.column_samples["public.leads.reach"].size(), 8u);
  const Finding* pii = Find(findings, "security/personal-data-column", "leads");
  ASSERT_NE(pii, nullptr);
  EXPECT_THAT(pii->message, ::testing::HasSubstr("reach (email address, by content: 8 of 8 sampled values)"));
  EXPECT_THAT(pii->message, ::testing::Not(::testing::HasSubstr("remark")));
}

}  // namespace
}  // namespace dbarch
