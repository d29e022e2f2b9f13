"""Tests of the built-in aggregation methods, one file per method."""
