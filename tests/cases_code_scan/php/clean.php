<?php
const TABLE = 'users';

function safe(PDO $pdo, $id) {
    $stmt = $pdo->prepare('SELECT * FROM users WHERE id = ?');
    $stmt->execute([$id]);
    // $pdo->query("SELECT * FROM users WHERE id = $id");
    return $stmt->fetch();
}

function single_quoted($pdo) {
    return $pdo->query('SELECT * FROM users WHERE name = $not_a_variable');
}

function nowdoc($pdo) {
    $sql = <<<'SQL'
        SELECT * FROM users WHERE id = $literal
        SQL;
    return $pdo->query($sql);
}

function params($conn, $id) {
    return pg_query_params($conn, 'SELECT * FROM users WHERE id = $1', [$id]);
}
?>
<p>SELECT * FROM users WHERE id = <?= $id ?></p>
