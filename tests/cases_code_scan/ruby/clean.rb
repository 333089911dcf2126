class Safe
  TABLE = "users"

  def show(email)
    User.where("email = ?", email)
    User.where(email: email)
  end

  def raw(conn, id)
    # conn.exec("SELECT * FROM users WHERE id = #{id}")
    conn.exec_params("SELECT * FROM users WHERE id = $1", [id])
  end

  def constant(conn)
    conn.exec("SELECT * FROM #{TABLE}")
    conn.exec('SELECT * FROM users WHERE name = #{not_interpolated}')
  end

  def words
    %w[select from where]
  end
end
