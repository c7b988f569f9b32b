# The version line of the botocore whose Direct Connect model is kept beside this file
# (data/directconnect/2012-10-25/, copied unchanged from botocore 1.43.11). plumb derive names a
# botocore model by this version and its path under data/, as it does for the installed one.
__version__ = '1.43.11'
