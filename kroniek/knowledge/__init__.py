"""Knowledge layer: the catalogue of states, organisations, people and weapon systems,
the Dutch class and sector nouns, and the gazetteer that finds them in text."""
from .catalog import (CLASSES, SECTORS, Catalog, ClassWord, Entity, SectorWord, Surface, System,
                      load_catalog)
from .matcher import Gazetteer, Match

__all__ = ["CLASSES", "SECTORS", "Catalog", "ClassWord", "Entity", "Gazetteer", "Match",
           "SectorWord", "Surface", "System", "load_catalog"]
