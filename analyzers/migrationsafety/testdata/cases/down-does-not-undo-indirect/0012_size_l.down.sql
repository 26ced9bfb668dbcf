DROP TYPE size;
CREATE TYPE size AS ENUM ('s', 'm');
