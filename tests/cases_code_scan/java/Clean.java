package shop;

import java.sql.*;

class Clean {
  static final String TABLE = "users";

  ResultSet safe(Connection conn, String name) throws SQLException {
    PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
    ps.setString(1, name);
    return ps.executeQuery();
  }

  ResultSet constant(Connection conn) throws SQLException {
    // conn.createStatement().executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
    return conn.createStatement().executeQuery("SELECT * FROM " + TABLE + " WHERE active");
  }

  ResultSet executeQuery(String sql) throws SQLException {
    return null;
  }

  char quote() {
    return '"';
  }
}
