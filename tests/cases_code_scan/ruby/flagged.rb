class UsersController < ApplicationController
  def show
    # expect: string interpolation => User.where("email = ?", params[:email])
    @user = User.where("email = '#{params[:email]}'").first
  end

  def search
    # expect: string interpolation => Product.find_by_sql(["SELECT * FROM products WHERE title ILIKE ?", "%" + params[:q] + "%"])
    @products = Product.find_by_sql("SELECT * FROM products WHERE title ILIKE '%#{params[:q]}%'")
  end

  def archive(conn, days)
    # expect: concatenation => conn.exec_params("UPDATE orders SET archived = true WHERE age > $1", [days.to_s])
    conn.exec("UPDATE orders SET archived = true WHERE age > " + days.to_s)
  end

  def report(tenant)
    sql = <<~SQL
      SELECT count(*)
      FROM invoices
      WHERE tenant_id = #{tenant}
    SQL
    # expect: string interpolation => ActiveRecord::Base.connection.exec_query("SELECT count(*) FROM invoices WHERE tenant_id = $1", "SQL", [tenant])
    ActiveRecord::Base.connection.exec_query(sql)
  end

  def formatted(conn, status)
    # expect: % formatting => conn.exec_params("SELECT * FROM orders WHERE status = $1", [status])
    conn.exec "SELECT * FROM orders WHERE status = '%s'" % [status]
  end

  def sorted(column)
    # expect: string interpolation => User.order(column + " DESC")
    # expect-note: `column` is spliced where SQL takes an identifier
    User.order("#{column} DESC")
  end
end
