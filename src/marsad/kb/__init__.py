"""The knowledge base: actors, generic agents, places and event words, loaded from data files."""

from marsad.kb.base import KnowledgeBase, get_kb

__all__ = ["KnowledgeBase", "get_kb"]
