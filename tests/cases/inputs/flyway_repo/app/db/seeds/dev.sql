INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com');
