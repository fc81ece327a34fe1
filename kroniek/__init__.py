"""kroniek: a sourced chronicle of military events from Dutch news reports."""
