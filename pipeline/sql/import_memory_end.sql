-- What the limits of an import (import_memory.sql) are put back to once its
-- files are written, before the checkpoint that ends the command: 64MB, what
-- the whole import command ran under before, checkpoint included.
set memory_limit = '64MB';
reset checkpoint_threshold;
