// Reputation subgraph schema: Good reputation (优良信誉): RP01–RP09.
import { categoryTypeDefsFor } from '../common/category-subgraph';

export const typeDefs = categoryTypeDefsFor('REPUTATION', 'Good reputation (优良信誉): RP01–RP09.');
