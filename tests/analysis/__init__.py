"""Tests of the analyses computed on an evaluation, one file per module."""
