"""What careerlog knows about a store as a file on disk, beside the database inside
it: the exact schema a file must hold to be taken for one of careerlog's."""
