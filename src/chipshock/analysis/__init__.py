"""chipshock.analysis"""
