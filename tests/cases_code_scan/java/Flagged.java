package shop;

import java.sql.*;
import javax.persistence.EntityManager;
import org.springframework.jdbc.core.JdbcTemplate;

class Flagged {
  ResultSet byName(Connection conn, String name) throws SQLException {
    Statement stmt = conn.createStatement();
    // expect: concatenation => PreparedStatement ps = connection.prepareStatement("SELECT * FROM users WHERE name = ?"); ps.setObject(1, name); ps.executeQuery();
    return stmt.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
  }

  int archive(Connection conn, int days) throws SQLException {
    String sql = String.format("UPDATE orders SET archived = true WHERE age > %d", days);
    // expect: String.format => PreparedStatement ps = connection.prepareStatement("UPDATE orders SET archived = true WHERE age > ?"); ps.setObject(1, days); ps.executeUpdate();
    return conn.createStatement().executeUpdate(sql);
  }

  PreparedStatement prepared(Connection conn, String status) throws SQLException {
    // expect: concatenation => PreparedStatement ps = conn.prepareStatement("SELECT * FROM orders WHERE status = ?"); ps.setObject(1, status);
    return conn.prepareStatement("SELECT * FROM orders WHERE status = '" + status + "'");
  }

  Object jpa(EntityManager em, String email) {
    // expect: concatenation => em.createQuery("SELECT u FROM User u WHERE u.email = ?1").setParameter(1, email)
    return em.createQuery("SELECT u FROM User u WHERE u.email = '" + email + "'").getSingleResult();
  }

  Integer count(JdbcTemplate jdbcTemplate, long tenant) {
    // expect: concatenation => jdbcTemplate.queryForObject("SELECT count(*) FROM invoices WHERE tenant_id = ?", Integer.class, tenant)
    return jdbcTemplate.queryForObject("SELECT count(*) FROM invoices WHERE tenant_id = " + tenant, Integer.class);
  }

  ResultSet block(Connection conn, String city) throws SQLException {
    String sql = """
        SELECT *
        FROM stores
        WHERE city = '%s'
        """.formatted(city);
    // expect: formatted() => PreparedStatement ps = connection.prepareStatement("SELECT * FROM stores WHERE city = ?"); ps.setObject(1, city); ps.executeQuery();
    return conn.createStatement().executeQuery(sql);
  }
}
