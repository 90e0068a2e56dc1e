"""chipshock.data"""
