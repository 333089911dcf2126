<html><body>
<?php
function byId(PDO $pdo, $id) {
    // expect: string interpolation => $stmt = $pdo->prepare("SELECT * FROM users WHERE id = ?"); $stmt->execute([$id]);
    return $pdo->query("SELECT * FROM users WHERE id = $id");
}

function byEmail($mysqli, $email) {
    # expect: concatenation => $stmt = mysqli_prepare($mysqli, "SELECT id FROM users WHERE email = ?"); mysqli_stmt_execute($stmt, [$_POST['email']]);
    return mysqli_query($mysqli, "SELECT id FROM users WHERE email = '" . $_POST['email'] . "'");
}

function archive($conn, $days) {
    $sql = sprintf("UPDATE orders SET archived = true WHERE age > %d", $days);
    // expect: sprintf => pg_query_params($conn, "UPDATE orders SET archived = true WHERE age > $1", [$days])
    return pg_query($conn, $sql);
}

function search($db, $term) {
    $sql = "SELECT * FROM products WHERE 1 = 1";
    $sql .= " AND title LIKE '%{$term}%'";
    // expect: string interpolation => $stmt = $db->prepare("SELECT * FROM products WHERE 1 = 1 AND title LIKE ?"); $stmt->execute(["%" . $term . "%"]);
    return $db->query($sql);
}

function laravel($request) {
    // expect: concatenation => DB::select("SELECT * FROM users WHERE name = ?", [$request->name])
    $users = DB::select("SELECT * FROM users WHERE name = '" . $request->name . "'");
    // expect: string interpolation => User::query()->whereRaw("votes > ?", [$request->votes])
    return User::query()->whereRaw("votes > {$request->votes}")->get();
}

function heredoc($pdo, $city) {
    $sql = <<<SQL
        SELECT *
        FROM stores
        WHERE city = '$city'
        SQL;
    // expect: string interpolation => $stmt = $pdo->prepare("SELECT * FROM stores WHERE city = ?"); $stmt->execute([$city]);
    return $pdo->query($sql);
}
?>
</body></html>
