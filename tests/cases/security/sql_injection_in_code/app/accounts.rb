class AccountsRepo
  def initialize(conn)
    @conn = conn
  end

  # Flagged: the handle is interpolated into the SQL text.
  def find(handle)
    @conn.exec("SELECT id FROM accounts WHERE handle = '#{handle}'")
  end

  # Clean: the value is a parameter.
  def find_safely(handle)
    @conn.exec_params("SELECT id FROM accounts WHERE handle = $1", [handle])
  end
end
